// @vitest-environment node
// #9 finding 6: the dashboard was served without CSP, frame or nosniff headers, and with its source maps.
// Both ways it is served answer with the same headers now, over real HTTP from real processes: `vite
// preview` with this package's vite.config.ts (what `orgboard start` runs) and the image's serve.mjs (in
// the image's layout: serve.mjs and security-headers.mjs next to public/). The CSP lets the app reach what
// its config.json names (identity, services, the realtime websocket) and nothing else.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
const imageDir = resolve(appDir, "../../infra/images/dashboard");
const config = {
  identity: { url: "https://id.example.vn", realm: "orgboard", clientId: "dashboard" },
  services: { membership: "https://api.example.vn/membership", conference: "https://conf.example.vn" },
  realtimeUrl: "https://live.example.vn",
  defaultLanguage: "vi",
};

let dir: string;
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** A built site: index.html, a hashed asset and its source map, config.json. */
function site(into: string): void {
  mkdirSync(join(into, "assets"), { recursive: true });
  writeFileSync(join(into, "index.html"), '<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(into, "assets", "index-abc.js"), "console.log(1);\n//# sourceMappingURL=index-abc.js.map\n");
  writeFileSync(join(into, "assets", "index-abc.js.map"), '{"version":3,"sources":["../../src/secret-source.ts"]}');
  writeFileSync(join(into, "config.json"), JSON.stringify(config));
}

async function started(child: ChildProcess, url: string): Promise<void> {
  children.push(child);
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${log}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`did not start: ${log}`);
}

function expectSecurityHeaders(res: Response): void {
  const csp = res.headers.get("content-security-policy") ?? "";
  const directive = (name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
  expect(directive("default-src")).toBe("default-src 'self'");
  expect(directive("script-src")).toBe("script-src 'self'");
  // Mantine's <style> element and style attributes.
  expect(directive("style-src")).toBe("style-src 'self' 'unsafe-inline'");
  expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive("object-src")).toBe("object-src 'none'");
  const connect = directive("connect-src")!.split(" ").slice(1);
  expect(connect.sort()).toEqual(["'self'", "https://api.example.vn", "https://conf.example.vn", "https://id.example.vn", "https://live.example.vn", "wss://live.example.vn"].sort());
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dashboard-serving-"));
});
afterAll(() => {
  for (const c of children) c.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

describe("the dashboard's security headers (#9)", () => {
  it("vite preview (orgboard start): strict CSP from config.json, no framing, nosniff, Referrer-Policy; no source maps", async () => {
    const out = join(dir, "preview-site");
    site(out);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    await started(spawn(process.execPath, [join(appDir, "node_modules/vite/bin/vite.js"), "preview", "--outDir", out, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: appDir, stdio: ["ignore", "pipe", "pipe"] }), url);
    for (const path of ["/", "/conference/42", "/assets/index-abc.js", "/config.json"]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res);
    }
    const map = await fetch(`${url}/assets/index-abc.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain("secret-source");
  });

  it("the image's serve.mjs: the same headers, from the mounted config.json; no source maps", async () => {
    const app = join(dir, "image-app");
    site(join(app, "public"));
    copyFileSync(join(imageDir, "serve.mjs"), join(app, "serve.mjs"));
    copyFileSync(join(imageDir, "security-headers.mjs"), join(app, "security-headers.mjs"));
    writeFileSync(join(app, "package.json"), '{"type":"module","private":true}\n');
    const mounted = join(dir, "mounted-config.json");
    writeFileSync(mounted, JSON.stringify(config));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    await started(spawn(process.execPath, ["serve.mjs"], { cwd: app, env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DASHBOARD_CONFIG_FILE: mounted }, stdio: ["ignore", "pipe", "pipe"] }), `${url}/healthz`);
    for (const path of ["/", "/conference/42", "/assets/index-abc.js", "/config.json"]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res);
    }
    expect((await fetch(`${url}/assets/index-abc.js.map`)).status).toBe(404);
  });

  it("the build makes no source maps", async () => {
    const { default: viteConfig } = (await import("../vite.config.js")) as { default: { build?: { sourcemap?: unknown } } };
    expect(viteConfig.build?.sourcemap).toBe(false);
  });
});
