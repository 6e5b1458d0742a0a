// `orgboard simulate conference` against real processes: apps/identity (built-in realm + VNeID simulator)
// and apps/conference on an embedded PGlite, both from their dist/ (turbo builds them before this test).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverRealm, LoginError, loginThroughVneid, officialSession, serviceSession, type RealmEndpoints } from "../src/simulate/login.js";
import { parseSpeed } from "../src/simulate/index.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
const ORGANIZER_ID = "001085009132"; // hoinghi.vanhanh in infra/keycloak/orgboard-realm.json

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const procs: ChildProcess[] = [];
let dataDir: string;
let identityUrl: string;
let conferenceUrl: string;
let realm: RealmEndpoints;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "orgboard-simulate-"));
  const identityPort = await freePort();
  identityUrl = `http://127.0.0.1:${identityPort}`;
  const identity = spawn(process.execPath, [path.join(ROOT, "apps/identity/dist/main.js")], {
    env: { ...process.env, PORT: String(identityPort), NODE_ENV: "development" },
    stdio: "ignore",
  });
  procs.push(identity);
  await waitForUrl(`${identityUrl}/realms/orgboard/.well-known/openid-configuration`, { process: identity, timeoutMs: 90_000 });
  const conferencePort = await freePort();
  conferenceUrl = `http://127.0.0.1:${conferencePort}`;
  const conference = spawn(process.execPath, [path.join(ROOT, "apps/conference/dist/main.js")], {
    env: { ...process.env, DATABASE_URL: "", PORT: String(conferencePort), OIDC_ISSUER: `${identityUrl}/realms/orgboard`, DATA_DIR: path.join(dataDir, "conference"), LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  procs.push(conference);
  await waitForUrl(`${conferenceUrl}/readyz`, { process: conference, timeoutMs: 90_000 });
  realm = await discoverRealm(identityUrl);
});

afterAll(async () => {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null) return resolve();
          p.once("exit", () => resolve());
          p.kill("SIGTERM");
        }),
    ),
  );
  rmSync(dataDir, { recursive: true, force: true });
});

describe("--speed", () => {
  it("takes 10x, 10, 0.5x and max", () => {
    expect(parseSpeed("10x")).toBe(10);
    expect(parseSpeed("10")).toBe(10);
    expect(parseSpeed("0.5x")).toBe(0.5);
    expect(parseSpeed("max")).toBe(Infinity);
  });
  it("refuses zero and words, naming the option", () => {
    expect(() => parseSpeed("0x")).toThrow(/--speed/);
    expect(() => parseSpeed("fast")).toThrow(/--speed phải là hệ số dương .* \/ must be a positive factor/);
  });
});

describe("signing in through the VNeID simulator", () => {
  it("gives the organizer's token with its role and scope", async () => {
    const tokens = await loginThroughVneid(realm, ORGANIZER_ID);
    expect(claims(tokens.accessToken)).toMatchObject({ preferred_username: "hoinghi.vanhanh", realm_access: { roles: ["conference_operator"] }, org_paths: ["/"], azp: "dashboard" });
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
  });

  it("keeps one token while it is fresh", async () => {
    const session = officialSession(realm, ORGANIZER_ID);
    const [a, b] = await Promise.all([session(), session()]);
    expect(a).toBe(b);
    expect(await session()).toBe(a);
  });

  it("refuses a citizen orgboard has not provisioned", async () => {
    await expect(loginThroughVneid(realm, "079192004411")).rejects.toThrow(LoginError);
  });

  it("gets a service token by client credentials, and says why a wrong secret fails", async () => {
    expect(claims(await serviceSession(realm.token, "conference", "dev-conference-secret")())).toMatchObject({ azp: "conference", realm_access: { roles: ["service"] } });
    await expect(serviceSession(realm.token, "conference", "wrong")()).rejects.toThrow(/client_credentials.*HTTP 401/);
  });

  it("names the provider when it cannot be reached", async () => {
    await expect(discoverRealm(`http://127.0.0.1:${await freePort()}`)).rejects.toThrow(/cannot reach the identity provider/);
  });
});

describe("orgboard simulate conference", () => {
  it("plays a 67-site conference to its end through the running services", async () => {
    const r = await run(["simulate", "conference", "--sites", "67", "--speed", "max", "--seed", "7"], { IDENTITY_URL: identityUrl, CONFERENCE_URL: conferenceUrl });
    expect(r.stderr).toContain("simulate: 67 sites, max speed, seed 7, organizer hoinghi.vanhanh");
    expect(r.stderr).toMatch(/\] startConnecting +connecting sites/);
    expect(r.stderr).toMatch(/\] conclude +conference concluded/);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^conference [0-9a-f-]+: concluded in/);
    expect(r.stdout).toContain("sites 67:");
  });

  it("refuses a bad --speed with exit 2 naming the option", async () => {
    const r = await run(["simulate", "conference", "--speed", "fast"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--speed phải là hệ số dương .* \/ must be a positive factor/);
  });

  it("says the conference service is not running, before creating anything", async () => {
    const r = await run(["simulate", "conference", "--identity-url", identityUrl, "--conference-url", `http://127.0.0.1:${await freePort()}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the conference service at http:\/\/127\.0\.0\.1:\d+ is not ready/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("refuses an official who does not run conferences", async () => {
    const r = await run(["simulate", "conference", "--as", "hn.bantochuc", "--identity-url", identityUrl, "--conference-url", conferenceUrl]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--as: hn.bantochuc is not a conference operator");
  });
});
