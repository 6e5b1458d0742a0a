// src/main.ts as the process it is in production: configuration checked at start (each problem
// named), the embedded database (or DATABASE_URL), health and readiness, graceful stop on SIGTERM,
// data kept across a restart.
import { spawn, type ChildProcess } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { readLatestAnchor } from "@orgboard/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMembershipDatabase } from "../../src/db/open.js";
import { openTestDatabase, testServerUrl, type TestDatabase } from "../../src/db/testing.js";
import { CENTRAL } from "./harness.js";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface Running {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<{ code: number | null; stderr: string; stdout: string }>;
}

function run(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let resolveUrl: (u: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (resolveUrl = resolve));
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    const m = /"url":"(http:[^"]+)"/.exec(stdout);
    if (m) resolveUrl(m[1]!);
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => child.on("exit", (code) => resolve({ code, stderr, stdout })));
  const started = Promise.race([url, exited.then((e) => Promise.reject(new Error(`exited ${e.code}: ${e.stderr}${e.stdout}`)))]);
  started.catch(() => undefined); // awaited only by the tests that expect a start
  return { child, url: started, exited };
}

let issuer: TestIssuer;
let dataDir: string;
let db: TestDatabase | null = null;

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "membership" });
  dataDir = mkdtempSync(path.join(tmpdir(), "membership-main-"));
  if (testServerUrl()) db = await openTestDatabase();
});
afterAll(async () => {
  await issuer?.close();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  const base: Record<string, string> = { PORT: "0", OIDC_ISSUER: issuer.issuer, OIDC_JWKS_URL: issuer.jwksUrl, AUDIT_ANCHOR_DIR: path.join(dataDir, "anchors") };
  if (db?.url) base.DATABASE_URL = db.url;
  else base.DATA_DIR = dataDir;
  return base;
}

async function trpc(url: string, proc: string, input: unknown, method: "GET" | "POST" = "GET") {
  const token = await issuer.mint({ audience: "membership", ...CENTRAL });
  const res = method === "GET"
    ? await fetch(`${url}/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { authorization: `Bearer ${token}`, "x-request-id": "main-test-1" } })
    : await fetch(`${url}/trpc/${proc}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(input) });
  return { status: res.status, requestId: res.headers.get("x-request-id"), body: (await res.json()) as { result?: { data: unknown }; error?: { message: string } } };
}

describe("main", () => {
  it("refuses to start with bad configuration, naming each variable (exit 78)", async () => {
    const { code, stderr } = await run({ PORT: "http", OIDC_ISSUER: "not a url", DATABASE_URL: "postgres://u:hunter2@db/x", DATABASE_POOL_SIZE: "many" }).exited;
    expect(code).toBe(78);
    expect(stderr).toContain("membership: cấu hình không hợp lệ / invalid configuration (3):");
    expect(stderr).toContain('PORT: phải là số nguyên từ 0 đến 65535 / must be a whole number from 0 to 65535, got "http"');
    expect(stderr).toContain('OIDC_ISSUER: phải là một URL http(s) / must be an http(s) URL, got "not a url"');
    expect(stderr).toContain("DATABASE_POOL_SIZE: phải là số nguyên từ 1 đến 100");
    expect(stderr).not.toContain("hunter2");
    const missing = await run({ PORT: "0" }).exited;
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain("OIDC_ISSUER: chưa được đặt (bắt buộc) / is required but not set");
  });

  it("refuses to start with a renamed variable, naming the old and the new name", async () => {
    const { code, stderr } = await run({ ...env(), MEMBERSHIP_DATA_DIR: dataDir }).exited;
    expect(code).toBe(78);
    expect(stderr).toContain("MEMBERSHIP_DATA_DIR: đã đổi tên thành DATA_DIR / was renamed to DATA_DIR");
  });

  it("serves, answers health and readiness, stops on SIGTERM and keeps its data across a restart", async () => {
    const first = run(env());
    const url = await first.url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: "ready" });
    const created = await trpc(url, "membership.orgs.create", { parentPath: "/", code: "79", name: "Đảng bộ Thành phố Hồ Chí Minh", kind: "provincial_committee", openedOn: "1990-01-01" }, "POST");
    expect(created.status).toBe(200);
    const unauth = await fetch(`${url}/trpc/membership.orgs.get?input=${encodeURIComponent(JSON.stringify({ orgPath: "/79/" }))}`);
    expect(unauth.status).toBe(401);
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);

    const second = run(env());
    const url2 = await second.url;
    const got = await trpc(url2, "membership.orgs.get", { orgPath: "/79/" });
    // The service names the request itself; the client's "main-test-1" is only its clientRequestId (#9).
    expect(got.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(got).toMatchObject({ status: 200, body: { result: { data: { path: "/79/", name: "Đảng bộ Thành phố Hồ Chí Minh" } } } });
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);

    // Each stop anchored the audit chain's head: signed lines, the last one naming the organization's record.
    const anchors = path.join(dataDir, "anchors");
    const publicKey = createPublicKey(readFileSync(path.join(anchors, "membership.pub.pem"), "utf8"));
    const latest = readLatestAnchor(path.join(anchors, "membership.jsonl"), publicKey, "membership");
    expect(latest).toMatchObject({ ok: true, anchor: { service: "membership", lastId: "1" } });
    expect(statSync(path.join(anchors, "membership.key.pem")).mode & 0o077).toBe(0);
  });

  it("#9: the audit record carries the id the server gave the request, not the client's; RATE_LIMIT_* limit the process", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "membership-main-limits-"));
    try {
      const base = env();
      const proc = run({ ...base, ...(base.DATA_DIR ? { DATA_DIR: own } : {}), RATE_LIMIT_PER_PRINCIPAL: "4", RATE_LIMIT_PER_ADDRESS: "3", RATE_LIMIT_WINDOW_MS: "60000" });
      const url = await proc.url;
      const token = await issuer.mint({ audience: "membership", ...CENTRAL });
      const forged = "audit-row-of-someone-else";
      const res = await fetch(`${url}/trpc/membership.orgs.create`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "x-request-id": forged },
        body: JSON.stringify({ parentPath: "/", code: "92", name: "Đảng bộ Thành phố Cần Thơ", kind: "provincial_committee", openedOn: "2004-01-01" }),
      });
      expect(res.status).toBe(200);
      const served = res.headers.get("x-request-id")!;
      expect(served).toMatch(/^[0-9a-f-]{36}$/);
      // Three more calls of the same principal fill its count of 4; the fifth is refused, in Vietnamese first.
      for (let i = 0; i < 3; i++) {
        const ok = await fetch(`${url}/trpc/membership.orgs.get?input=${encodeURIComponent(JSON.stringify({ orgPath: "/92/" }))}`, { headers: { authorization: `Bearer ${token}` } });
        expect(ok.status).toBe(200);
      }
      const limited = await fetch(`${url}/trpc/membership.orgs.get?input=${encodeURIComponent(JSON.stringify({ orgPath: "/92/" }))}`, { headers: { authorization: `Bearer ${token}` } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/^Quá nhiều yêu cầu.* \/ Too many requests/);
      // Without a token: counted per address (3), then refused before anything else.
      const anon = [];
      for (let i = 0; i < 4; i++) anon.push((await fetch(`${url}/trpc/membership.orgs.get?input=${encodeURIComponent(JSON.stringify({ orgPath: "/92/" }))}`)).status);
      expect(anon).toEqual([401, 401, 401, 429]);
      proc.child.kill("SIGTERM");
      const { code, stdout } = await proc.exited;
      expect(code).toBe(0);
      // The log line of the create names both ids: the server's and the client's (sanitized).
      expect(stdout).toMatch(new RegExp(`"requestId":"${served}","clientRequestId":"${forged}"`));
      const check = base.DATABASE_URL ? await openMembershipDatabase({ databaseUrl: base.DATABASE_URL, migrate: false }) : await openMembershipDatabase({ dataDir: own, migrate: false });
      try {
        const { rows } = await check.query<{ request_id: string | null }>(`SELECT request_id FROM audit_record WHERE entity_id = $1 OR org_path = $1`, ["/92/"]);
        expect(rows.map((r) => r.request_id)).toEqual([served]);
      } finally {
        await check.close();
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
