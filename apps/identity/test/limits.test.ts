// #9 finding 3: the built-in provider's token endpoint took 300 wrong client secrets, and the VNeID
// simulator 300 wrong national IDs, without a pause. Keycloak's brute-force detection with the realm
// file's settings (bruteForceProtected, failureFactor, waitIncrementSeconds, quick-login check, …) now
// locks a client id / an address out for a while, the right secret or ID included; then it works again.
// Real HTTP against startIdentity; the short-timing cases use a copy of the realm file, the way an
// operator changes them (IDENTITY_REALM_FILE).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultRealmFile } from "../src/config.js";
import { startIdentity, type IdentityServer } from "../src/index.js";
import { citizens } from "../src/vneid/citizens.js";
import { authorizationRequest, Browser, builtinDriver, decode, run, text, tokenRequest, type Page } from "./support.js";

const realmJson = JSON.parse(readFileSync(defaultRealmFile, "utf8")) as Record<string, unknown>;
let dir: string;
let server: IdentityServer | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "identity-limits-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The realm file with other brute-force settings (Keycloak's names). */
function realmWith(settings: Record<string, number | boolean>): string {
  const file = join(dir, `realm-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...realmJson, ...settings }));
  return file;
}

const tokenUrl = (s: IdentityServer) => `${s.realmUrl}/protocol/openid-connect/token`;
const clientCredentials = (s: IdentityServer, clientId: string, secret: string) =>
  tokenRequest(tokenUrl(s), { grant_type: "client_credentials", client_id: clientId, client_secret: secret });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The VNeID simulator's login page, reached as a browser does from the dashboard's login. */
async function vneidPage(s: IdentityServer): Promise<{ browser: Browser; page: Page; action: string }> {
  const browser = new Browser();
  const loginPage = await run(browser, await browser.request(authorizationRequest(`${s.realmUrl}/protocol/openid-connect/auth`).url));
  const page = await run(browser, await browser.request(builtinDriver.vneidLink(loginPage)));
  const action = /<form method="post" action="([^"]*login)"/.exec(page.html)?.[1];
  if (!action) throw new Error(`no VNeID login form: ${text(page.html).slice(0, 300)}`);
  return { browser, page, action: new URL(decode(action), page.url).href };
}

describe("brute-force detection on client secrets (token endpoint, per client id)", () => {
  it("with the realm file's settings, 300 wrong secrets are not all checked: the client is locked out, its right secret too", async () => {
    server = await startIdentity({ port: 0 });
    const answers: { status: number; error: string; retryAfter: string | null }[] = [];
    const started = Date.now();
    for (let i = 0; i < 300; i++) {
      const r = await clientCredentials(server, "membership", `guess-${i}`);
      answers.push({ status: r.status, error: r.body["error"] ?? "", retryAfter: r.headers.get("retry-after") });
    }
    const checked = answers.filter((a) => a.error === "invalid_client");
    // failureFactor 5 at most; the quick-login check (two failures within 1 s) locks sooner.
    expect(checked.length).toBeGreaterThanOrEqual(1);
    expect(checked.length).toBeLessThanOrEqual(5);
    const locked = answers.filter((a) => a.status === 429);
    expect(locked).toHaveLength(300 - checked.length);
    expect(locked.every((a) => a.error === "temporarily_unavailable" && Number(a.retryAfter) > 0 && Number(a.retryAfter) <= 900)).toBe(true);
    // The answers came at once: the lockout is a refusal, not a slow-down an attacker could wait through.
    expect(Date.now() - started).toBeLessThan(30_000);
    // Locked out means the right secret too (Keycloak's temporary lockout), with a bilingual reason.
    const right = await clientCredentials(server, "membership", "dev-membership-secret");
    expect(right.status).toBe(429);
    expect(right.body["error_description"]).toMatch(/^Client tạm thời bị khóa.* \/ client temporarily locked/);
    // Per client id: another service is not held back.
    expect((await clientCredentials(server, "conference", "dev-conference-secret")).status).toBe(200);
  });

  it("the lockout grows with the failures (waitIncrementSeconds per failureFactor) and ends: then the right secret works", async () => {
    server = await startIdentity({
      port: 0,
      realmFile: realmWith({ failureFactor: 3, waitIncrementSeconds: 1, quickLoginCheckMilliSeconds: 0, minimumQuickLoginWaitSeconds: 0, maxFailureWaitSeconds: 5 }),
    });
    const s = server;
    const wrong = async () => (await clientCredentials(s, "realtime", "nope")).body["error"];
    expect([await wrong(), await wrong(), await wrong()]).toEqual(["invalid_client", "invalid_client", "invalid_client"]);
    const during = await clientCredentials(s, "realtime", "dev-realtime-secret");
    expect(during.status).toBe(429);
    expect(during.headers.get("retry-after")).toBe("1");
    await sleep(1100);
    // Failures 4 and 5 each lock for 1 s again (4/3 = 5/3 = 1 step); the 6th for 2 s.
    for (let failure = 4; failure <= 6; failure++) {
      expect(await wrong()).toBe("invalid_client");
      if (failure < 6) await sleep(1100);
    }
    expect((await clientCredentials(s, "realtime", "dev-realtime-secret")).headers.get("retry-after")).toBe("2");
    await sleep(2100);
    const after = await clientCredentials(s, "realtime", "dev-realtime-secret");
    expect(after.status).toBe(200);
    expect(after.body["access_token"]).toBeTruthy();
    // A success clears the count: the next wrong secret is checked, not locked out.
    expect(await wrong()).toBe("invalid_client");
  });
});

describe("brute-force detection on the VNeID simulator's login (per client address)", () => {
  it("300 wrong national IDs from one address: locked out after a few, a real citizen's ID too; then it works again", async () => {
    server = await startIdentity({
      port: 0,
      // The lockout (20 s) outlasts the flood even on a loaded machine (a 2 s one expired mid-flood under a
      // CI run, and the next guess was checked again); the test waits only as long as the page says.
      realmFile: realmWith({ failureFactor: 5, waitIncrementSeconds: 20, quickLoginCheckMilliSeconds: 0, minimumQuickLoginWaitSeconds: 0, maxFailureWaitSeconds: 900 }),
    });
    const { browser, action } = await vneidPage(server);
    const statuses: number[] = [];
    let lastLocked: Page | undefined;
    for (let i = 0; i < 300; i++) {
      const p = await browser.request(action, { method: "POST", form: { nationalId: String(100_000_000_000 + i * 7919) } });
      statuses.push(p.status);
      if (p.status === 429) lastLocked = p;
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect(text(lastLocked!.html)).toMatch(/Bạn đã nhập sai nhiều lần: thử lại sau \d+ giây\. \/ Too many failed attempts/);
    const citizen = citizens[0]!;
    const during = await browser.request(action, { method: "POST", form: { nationalId: citizen.nationalId } });
    expect(during.status).toBe(429);
    const left = Number(/thử lại sau (\d+) giây/.exec(text(during.html))?.[1]);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(20);
    await sleep(left * 1000 + 100);
    const after = await browser.request(action, { method: "POST", form: { nationalId: citizen.nationalId } });
    // Signed in at VNeID: the simulator sends the browser on (a redirect), no longer a page with an error.
    expect(after.status).toBeGreaterThanOrEqual(300);
    expect(after.status).toBeLessThan(400);
  }, 90_000);

  it("with the realm file's settings, the quick-login check locks a fast guesser after the second wrong ID", async () => {
    server = await startIdentity({ port: 0 });
    const { browser, action } = await vneidPage(server);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await browser.request(action, { method: "POST", form: { nationalId: String(200_000_000_000 + i) } })).status);
    expect(statuses).toEqual([404, 404, 429, 429, 429, 429, 429, 429, 429, 429]);
  });
});
