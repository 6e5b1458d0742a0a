// A restart of the built-in provider with a data directory (DATA_DIR, which `orgboard start`
// sets) keeps the signing keys, the cookie secret and oidc-provider's sessions, grants and refresh tokens: an
// official signed in before it is still signed in after it. Without one nothing is kept (the first case guards
// the others from passing for a reason that has nothing to do with the data directory).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startIdentity, STORE_FILES, type IdentityServer } from "../src/index.js";
import { authorizationRequest, Browser, builtinDriver, pkce, REDIRECT, run, text, tokenRequest, vneidLogin } from "./support.js";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "identity-restart-"));
let dirs = 0;
const newDataDir = () => join(root, `data-${++dirs}`);
const running = new Set<IdentityServer>();
const children = new Set<ChildProcess>();
afterEach(async () => {
  for (const s of running) await s.close();
  running.clear();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  children.clear();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function start(options: { port?: number; dataDir?: string }) {
  const server = await startIdentity({ port: options.port ?? 0, dataDir: options.dataDir });
  running.add(server);
  const discovery = (await (await fetch(`${server.realmUrl}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  const vneid = (await (await fetch(`${server.vneidUrl}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  const certs = (await (await fetch(discovery["jwks_uri"]!)).json()) as JSONWebKeySet;
  const stop = async () => {
    running.delete(server);
    await server.close();
  };
  return { server, discovery, vneid, certs, port: Number(new URL(server.url).port), stop };
}
type Started = Awaited<ReturnType<typeof start>>;

const codeOf = (location: string | undefined) => new URLSearchParams(new URL(location ?? "http://x/").hash.slice(1));

/** An official signs in at the realm through the VNeID simulator; the browser keeps both providers' cookies. */
async function signIn(s: Pick<Started, "discovery">, nationalId: string) {
  const browser = new Browser();
  const auth = authorizationRequest(s.discovery["authorization_endpoint"]!);
  const loginPage = await run(browser, await browser.request(auth.url));
  const vneidPage = await run(browser, await browser.request(builtinDriver.vneidLink(loginPage)));
  const end = await run(browser, await vneidLogin(browser, vneidPage, nationalId));
  expect(end.location, text(end.html).slice(0, 300)).toMatch(new RegExp(`^${REDIRECT}#`));
  const res = await tokenRequest(s.discovery["token_endpoint"]!, { grant_type: "authorization_code", client_id: "dashboard", code: codeOf(end.location).get("code")!, redirect_uri: REDIRECT, code_verifier: auth.verifier });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { browser, tokens: res.body };
}

/** What survives a restart, asked of the server now running. */
async function afterRestart(s: Started, before: { browser: Browser; tokens: Record<string, string> }) {
  const verified = await jwtVerify(before.tokens["access_token"]!, createLocalJWKSet(s.certs), { issuer: s.server.realmUrl, audience: "membership" }).then(
    (r) => r.payload,
    (e: unknown) => e as Error,
  );
  const refreshed = await tokenRequest(s.discovery["token_endpoint"]!, { grant_type: "refresh_token", client_id: "dashboard", refresh_token: before.tokens["refresh_token"]! });
  // keycloak-js's check-sso, then a plain login: both answered from the SSO session, with no login page.
  const silent = await run(before.browser, await before.browser.request(authorizationRequest(s.discovery["authorization_endpoint"]!, { prompt: "none" }).url));
  const plainAuth = authorizationRequest(s.discovery["authorization_endpoint"]!);
  const plain = await run(before.browser, await before.browser.request(plainAuth.url));
  // The simulator's own session (the realm always sends prompt=login to VNeID, so asked here directly).
  const { challenge } = pkce();
  const vneidAuth = new URL(s.vneid["authorization_endpoint"]!);
  const brokerCallback = `${s.server.realmUrl}/login-actions/vneid/endpoint`;
  for (const [k, v] of Object.entries({ client_id: "orgboard", redirect_uri: brokerCallback, response_type: "code", scope: "openid", prompt: "none", state: "s", nonce: "n", code_challenge: challenge, code_challenge_method: "S256" })) {
    vneidAuth.searchParams.set(k, v);
  }
  const vneid = await run(before.browser, await before.browser.request(vneidAuth.href), brokerCallback);
  return { verified, refreshed, silent, plain, plainAuth, vneid: new URL(vneid.location ?? "http://x/").searchParams };
}

describe("restarting the built-in provider", () => {
  it("without a data directory, signs everyone out and changes its keys", async () => {
    const first = await start({});
    const before = await signIn(first, "001175003318");
    await first.stop();
    const second = await start({ port: first.port });
    expect(second.certs.keys[0]!.kid).not.toBe(first.certs.keys[0]!.kid);
    const after = await afterRestart(second, before);
    expect(after.verified).toBeInstanceOf(Error);
    expect(after.refreshed.status).toBe(400);
    expect(after.refreshed.body["error"]).toBe("invalid_grant");
    expect(codeOf(after.silent.location).get("error")).toBe("login_required");
    // The realm's login page again.
    expect(after.plain.location).toBeUndefined();
    expect(after.plain.html).toContain('id="social-vneid"');
    expect(after.vneid.get("error")).toBe("login_required");
  });

  it("with a data directory, keeps keys, tokens and sessions: no one is signed out", async () => {
    const dataDir = newDataDir();
    const first = await start({ dataDir });
    const before = await signIn(first, "001175003318");
    await first.stop();
    for (const f of ["keys.json", STORE_FILES.realm, STORE_FILES.vneid]) expect(statSync(join(dataDir, f)).mode & 0o777, f).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    const second = await start({ dataDir, port: first.port });
    expect(second.certs.keys.map((k) => k.kid)).toEqual(first.certs.keys.map((k) => k.kid));
    const after = await afterRestart(second, before);
    expect(after.verified).toMatchObject({ preferred_username: "hn.bantochuc", org_paths: ["/01/"] });

    expect(after.refreshed.status, JSON.stringify(after.refreshed.body)).toBe(200);
    const { payload: refreshed } = await jwtVerify(after.refreshed.body["access_token"]!, createLocalJWKSet(second.certs), { issuer: second.server.realmUrl, audience: "membership" });
    expect(refreshed).toMatchObject({ preferred_username: "hn.bantochuc", sid: expect.any(String) });
    // Rotation still holds across the restart: the token used above is spent.
    const replay = await tokenRequest(second.discovery["token_endpoint"]!, { grant_type: "refresh_token", client_id: "dashboard", refresh_token: before.tokens["refresh_token"]! });
    expect(replay.status).toBe(400);

    expect(codeOf(after.silent.location).get("code")).toEqual(expect.any(String));
    expect(after.plain.location, text(after.plain.html).slice(0, 300)).toMatch(new RegExp(`^${REDIRECT}#`));
    const plainCode = codeOf(after.plain.location);
    expect(plainCode.get("state")).toBe(after.plainAuth.state);
    const exchanged = await tokenRequest(second.discovery["token_endpoint"]!, { grant_type: "authorization_code", client_id: "dashboard", code: plainCode.get("code")!, redirect_uri: REDIRECT, code_verifier: after.plainAuth.verifier });
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(200);
    expect(after.vneid.get("code")).toEqual(expect.any(String));
    expect(after.vneid.get("error")).toBeNull();
  });

  it("writes what is pending when the process is stopped with SIGTERM", async () => {
    const dataDir = newDataDir();
    const child = spawnMain({ DATA_DIR: dataDir });
    const realmUrl = await child.line(/identity: realm (\S+)/);
    expect(await child.line(/identity: keys and sessions kept in (\S+)/)).toBe(dataDir);
    const discovery = (await (await fetch(`${realmUrl}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const before = await signIn({ discovery }, "001068004521");
    child.proc.kill("SIGTERM");
    expect(await child.exit).toBe(0);

    const second = await start({ dataDir, port: Number(new URL(realmUrl).port) });
    const after = await afterRestart(second, before);
    expect(after.refreshed.status, JSON.stringify(after.refreshed.body)).toBe(200);
    expect(codeOf(after.silent.location).get("code")).toEqual(expect.any(String));
  });

  // A state file that cannot be used stops the start, naming the file, rather than being set aside: it is
  // written only by this server and atomically, so a bad one means something else changed it (a hand edit, a
  // disk fault, a newer version's format) and an operator should look; setting it aside would sign everyone out
  // and, for keys.json, rotate the keys without anyone knowing why. The message says how to start afresh.
  it("refuses to start on a state file it cannot use, naming it, without a stack trace", async () => {
    const garbled = newDataDir();
    mkdirSync(garbled);
    writeFileSync(join(garbled, "keys.json"), "{ not json");
    await expect(startIdentity({ port: 0, dataDir: garbled })).rejects.toThrow(`identity state file ${join(garbled, "keys.json")} is unusable (not valid JSON`);

    const unreadable = newDataDir();
    mkdirSync(join(unreadable, STORE_FILES.vneid), { recursive: true });
    await expect(startIdentity({ port: 0, dataDir: unreadable })).rejects.toThrow(`identity state file ${join(unreadable, STORE_FILES.vneid)} is unusable (cannot read it`);

    const store = newDataDir();
    mkdirSync(store);
    const realmStore = join(store, STORE_FILES.realm);
    writeFileSync(realmStore, '{"version":1,"models":{"Session":');
    const child = spawnMain({ DATA_DIR: store });
    expect(await child.exit).toBe(1);
    expect(child.stderr()).toContain(`identity state file ${realmStore} is unusable (not valid JSON`);
    expect(child.stderr()).toContain("delete it to start afresh");
    expect(child.stderr()).not.toMatch(/^\s+at /m);
  });
});

/** src/main.ts as `node` runs it (through tsx), on a free port. */
function spawnMain(env: Record<string, string>) {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: appDir, env: { ...process.env, PORT: "0", NODE_ENV: "development", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(proc);
  let out = "";
  let err = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return {
    proc,
    exit,
    stderr: () => err,
    async line(re: RegExp): Promise<string> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const m = re.exec(out);
        if (m) return m[1]!;
        if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`no line ${re} from src/main.ts (exit ${proc.exitCode}):\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
