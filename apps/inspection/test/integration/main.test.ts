// src/main.ts as a process: bad configuration stops it before anything opens, naming each variable; a
// good one serves the API on its own embedded database.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestIssuer } from "@orgboard/auth/testing";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { TREE } from "./harness.js";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const children: ChildProcess[] = [];

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
});

describe("main", () => {
  it("names every missing or malformed variable at once, without the secret's value, and exits 78", async () => {
    const run = start({ PORT: "-1", MEMBERSHIP_URL: "membership:4001", OIDC_CLIENT_SECRET: "" });
    expect(await run.exited).toBe(78);
    const stderr = run.stderr();
    expect(stderr).toContain("inspection: cấu hình không hợp lệ / invalid configuration (5):");
    expect(stderr).toContain("INSPECTION_DENOUNCER_KEYS: chưa được đặt (bắt buộc ngoài chế độ phát triển) / is required but not set (outside development mode)");
    expect(stderr).toContain('PORT: phải là số nguyên từ 0 đến 65535 / must be a whole number from 0 to 65535, got "-1"');
    expect(stderr).toContain("OIDC_ISSUER: chưa được đặt (bắt buộc) / is required but not set");
    expect(stderr).toContain("MEMBERSHIP_URL: phải là một URL http(s) / must be an http(s) URL");
    expect(stderr).toMatch(/OIDC_CLIENT_SECRET: [^\n]*không được để trống/);
  });

  it("starts on its embedded database and answers a board's report over HTTP", async () => {
    const issuer = await createTestIssuer({ audience: "inspection" });
    const dataDir = mkdtempSync(path.join(tmpdir(), "inspection-main-"));
    try {
      const port = await freePort();
      const run = start({ PORT: String(port), DATA_DIR: dataDir, OIDC_ISSUER: issuer.issuer, OIDC_JWKS_URL: issuer.jwksUrl, MEMBERSHIP_URL: "http://127.0.0.1:9", OIDC_CLIENT_SECRET: "not-used-here", INSPECTION_DENOUNCER_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`, LOG_LEVEL: "silent" });
      await waitForUrl(`http://127.0.0.1:${port}/readyz`, { process: run.child, timeoutMs: 100_000 });
      const token = await issuer.mint({ audience: "inspection", roles: ["provincial_board"], orgPaths: [TREE.p1] });
      const input = encodeURIComponent(JSON.stringify({ orgPath: TREE.p1, year: 2026 }));
      const res = await fetch(`http://127.0.0.1:${port}/trpc/inspection.report.annual?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { result: { data: { orgPath: string; inspections: { total: unknown } } } };
      expect(body.result.data.orgPath).toBe(TREE.p1);
      expect(body.result.data.inspections.total).toEqual({ organizations: 0, members: 0 });
      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await issuer.close();
    }
    // tsx compiling main.ts and a first PGlite start with its migrations on disk take a while on a busy machine.
  }, 120_000);
});
