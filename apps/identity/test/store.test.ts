// The file-backed oidc-provider store (src/store.ts) on its own: the Adapter contract as oidc-provider uses it,
// persistence across a reopen, expiry, coalesced writes, and a file that cannot be used.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { OidcStore } from "../src/store.js";

const dir = mkdtempSync(join(tmpdir(), "identity-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());
let n = 0;
const fresh = () => join(dir, `store-${++n}.json`);
// Long enough that nothing is written unless a test flushes.
const open = (file: string) => OidcStore.open(file, { writeDelayMs: 60_000 });

describe("the oidc-provider store", () => {
  it("keeps records, their uid index and consumption across a reopen, in a private file", async () => {
    const file = fresh();
    const store = await open(file);
    const sessions = store.adapter("Session");
    await sessions.upsert("s1", { uid: "u1", accountId: "a1" }, 3600);
    await store.adapter("AuthorizationCode").upsert("c1", { grantId: "g1", clientId: "dashboard" }, 60);
    await store.adapter("AuthorizationCode").consume("c1");
    expect(await sessions.find("s1")).toEqual({ uid: "u1", accountId: "a1" });
    expect(await sessions.findByUid("u1")).toEqual({ uid: "u1", accountId: "a1" });
    // A found payload is a copy: changing it changes nothing stored.
    (await sessions.find("s1"))!.accountId = "changed";
    expect((await sessions.find("s1"))!.accountId).toBe("a1");
    expect(existsSync(file)).toBe(false);
    await store.flush();
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = await open(file);
    expect(await again.adapter("Session").findByUid("u1")).toEqual({ uid: "u1", accountId: "a1" });
    expect((await again.adapter("AuthorizationCode").find("c1"))!.consumed).toEqual(expect.any(Number));
    // Models do not see each other's records.
    expect(await again.adapter("Grant").find("s1")).toBeUndefined();
    expect(await again.adapter("Grant").findByUid("u1")).toBeUndefined();
  });

  it("writes a burst of changes once", async () => {
    const file = fresh();
    const store = await OidcStore.open(file, { writeDelayMs: 200 });
    const tokens = store.adapter("RefreshToken");
    for (let i = 0; i < 200; i++) await tokens.upsert(`t${i}`, { grantId: `g${i}` }, 600);
    expect(store.writes).toBe(0);
    await vi.waitFor(() => expect(store.writes).toBe(1), { timeout: 5000 });
    await store.flush();
    expect(store.writes).toBe(1);
    expect(Object.keys((JSON.parse(readFileSync(file, "utf8")) as { models: { RefreshToken: object } }).models.RefreshToken)).toHaveLength(200);
  });

  it("revokes every token of a grant across models, and only those", async () => {
    const store = await open(fresh());
    await store.adapter("AuthorizationCode").upsert("c1", { grantId: "g1" }, 60);
    await store.adapter("RefreshToken").upsert("r1", { grantId: "g1" }, 600);
    await store.adapter("AccessToken").upsert("a1", { grantId: "g1" }, 300);
    await store.adapter("RefreshToken").upsert("r2", { grantId: "g2" }, 600);
    await store.adapter("Grant").upsert("g1", { accountId: "x" }, 600);
    await store.adapter("RefreshToken").revokeByGrantId("g1");
    for (const [model, id] of [["AuthorizationCode", "c1"], ["RefreshToken", "r1"], ["AccessToken", "a1"]] as const) {
      expect(await store.adapter(model).find(id)).toBeUndefined();
    }
    expect(await store.adapter("RefreshToken").find("r2")).toEqual({ grantId: "g2" });
    // oidc-provider destroys the Grant itself.
    expect(await store.adapter("Grant").find("g1")).toEqual({ accountId: "x" });
  });

  it("finds a device code by user code, and forgets destroyed records and their indexes", async () => {
    const store = await open(fresh());
    await store.adapter("DeviceCode").upsert("d1", { userCode: "ABCD-EFGH", grantId: "g" }, 600);
    expect(await store.adapter("DeviceCode").findByUserCode("ABCD-EFGH")).toMatchObject({ userCode: "ABCD-EFGH" });
    await store.adapter("DeviceCode").destroy("d1");
    expect(await store.adapter("DeviceCode").findByUserCode("ABCD-EFGH")).toBeUndefined();
    await store.adapter("Session").upsert("s", { uid: "u" }, 60);
    await store.adapter("Session").destroy("s");
    expect(await store.adapter("Session").findByUid("u")).toBeUndefined();
  });

  it("drops expired records when read, when loaded and when written", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const file = fresh();
    const store = await open(file);
    const sessions = store.adapter("Session");
    await sessions.upsert("short", { uid: "u-short" }, 10);
    await sessions.upsert("long", { uid: "u-long" }, 1000);
    await sessions.upsert("forever", { uid: "u-forever" });
    await store.flush();
    vi.setSystemTime(Date.now() + 11_000);
    expect(await sessions.find("short")).toBeUndefined();
    expect(await sessions.findByUid("u-short")).toBeUndefined();
    expect(await sessions.find("long")).toBeDefined();

    // Loaded after "long" expired too: neither comes back, and the next write leaves them out.
    vi.setSystemTime(Date.now() + 1000_000);
    const later = await open(file);
    expect(await later.adapter("Session").find("long")).toBeUndefined();
    expect(await later.adapter("Session").find("forever")).toEqual({ uid: "u-forever" });
    await later.flush();
    expect(Object.keys((JSON.parse(readFileSync(file, "utf8")) as { models: { Session: object } }).models.Session)).toEqual(["forever"]);
  });

  it("refuses a file it cannot use, naming it", async () => {
    const garbled = fresh();
    writeFileSync(garbled, '{"version":1,"models":{"Session":');
    await expect(OidcStore.open(garbled)).rejects.toThrow(`identity state file ${garbled} is unusable (not valid JSON`);
    const wrong = fresh();
    writeFileSync(wrong, JSON.stringify({ version: 1, models: { Session: { s: { payload: "not an object" } } } }));
    await expect(OidcStore.open(wrong)).rejects.toThrow(new RegExp(`${wrong}.*models\\.Session\\.s\\.payload`));
    const future = fresh();
    writeFileSync(future, JSON.stringify({ version: 2, models: {} }));
    await expect(OidcStore.open(future)).rejects.toThrow(/version/);
  });
});
