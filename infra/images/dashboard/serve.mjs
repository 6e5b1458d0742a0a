// Static file server of the dashboard image: the Vite build in ./public, and /config.json from the file the
// deployment mounts (DASHBOARD_CONFIG_FILE), so that one build runs in every environment. No dependencies
// (node:http only; security-headers.mjs is copied next to it): see docs/decisions/0007-images-and-manifests.md.
//   HOST (0.0.0.0), PORT (8080), DASHBOARD_CONFIG_FILE (/etc/orgboard/dashboard/config.json)
//   GET /healthz  200 while the process runs
//   GET /readyz   200 when index.html and a JSON config.json can be read, else 503
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isSourceMap, securityHeaders } from "./security-headers.mjs";

const root = fileURLToPath(new URL("./public/", import.meta.url));
const configFile = process.env.DASHBOARD_CONFIG_FILE || "/etc/orgboard/dashboard/config.json";
const host = process.env.HOST || "0.0.0.0";
const port = Number(process.env.PORT || 8080);

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8", ".webmanifest": "application/manifest+json",
};
// The CSP names the origins of config.json (identity, services, realtime); re-read at most every 5 s.
let security = securityHeaders(undefined);
let securityReadAt = 0;
async function refreshSecurity() {
  if (Date.now() - securityReadAt < 5000) return;
  securityReadAt = Date.now();
  try {
    security = securityHeaders(await readFile(configFile, "utf8"));
  } catch {
    security = securityHeaders(undefined);
  }
}

async function readConfig() {
  const text = await readFile(configFile, "utf8");
  JSON.parse(text); // a broken file fails readiness instead of the browser
  return text;
}

function send(res, status, headers, body) {
  res.writeHead(status, { ...security, ...headers });
  res.end(body);
}

async function fileFor(pathname) {
  // Resolved inside root only: "..", encoded or not, never leaves it.
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, "");
  const file = join(root, rel);
  if (file !== root.slice(0, -1) && !file.startsWith(root)) return undefined;
  try {
    const s = await stat(file);
    return s.isFile() ? { file, size: s.size } : undefined;
  } catch {
    return undefined;
  }
}

const server = createServer((req, res) => {
  void (async () => {
    const { pathname } = new URL(req.url ?? "/", "http://x");
    await refreshSecurity();
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, { allow: "GET, HEAD" }, "");
    if (pathname === "/healthz") return send(res, 200, { "content-type": "text/plain" }, "ok");
    if (pathname === "/readyz") {
      try {
        await stat(join(root, "index.html"));
        await readConfig();
        return send(res, 200, { "content-type": "text/plain" }, "ok");
      } catch (e) {
        return send(res, 503, { "content-type": "text/plain" }, `not ready: ${e instanceof Error ? e.message : e}`);
      }
    }
    if (pathname === "/config.json") {
      try {
        const body = await readConfig();
        return send(res, 200, { "content-type": types[".json"], "cache-control": "no-store" }, req.method === "HEAD" ? "" : body);
      } catch {
        return send(res, 503, { "content-type": "text/plain" }, "config.json unavailable");
      }
    }
    if (isSourceMap(pathname)) return send(res, 404, { "content-type": "text/plain" }, "not found");
    let found;
    try {
      found = await fileFor(pathname);
    } catch {
      return send(res, 400, { "content-type": "text/plain" }, "bad path");
    }
    // Client-side routes (no extension) get the app; a missing asset is a 404, not index.html.
    if (!found && extname(pathname) === "") found = await fileFor("/index.html");
    if (!found) return send(res, 404, { "content-type": "text/plain" }, "not found");
    const hashed = found.file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      ...security,
      "content-type": types[extname(found.file)] ?? "application/octet-stream",
      "content-length": found.size,
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(found.file).on("error", () => res.destroy()).pipe(res);
  })().catch(() => {
    if (!res.headersSent) send(res, 500, { "content-type": "text/plain" }, "error");
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000; // longer than the ingress' idle timeout
server.listen(port, host, () => console.log(`dashboard: serving ${root} on http://${host}:${port} (config ${configFile})`));
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
