// Personnel and conference killed inside their rekey transactions, as real processes (issue #14,
// docs/restructuring.md "Execution", "Rekey"): one province merge (Hà Giang + Tuyên Quang → Tuyên Quang, real
// 2024 units) with every service wired. Restructuring, personnel and conference are real processes
// (dist/main.js, each on its own database); membership, inspection and the identity provider run in this
// process; every token is the identity provider's (the services' by client credentials, the officials' by
// VNeID sign-in). rekey-crash.test.ts does the same to inspection.
//
// 1. personnel kills itself inside its rekey transaction (REKEY_CRASH_BEFORE_COMMIT=personnel, that start
//    only): nothing of it committed (the cadre's path, the key, the audit record, the event), the saga's step
//    failed; personnel restarted without it.
// 2. the next resume applies personnel's rekey; conference kills itself inside its own: nothing of it
//    committed (the conference's and its site's paths, the site's province roll-up key, the key, the audit
//    record, the event), the step failed; conference restarted without it.
// 3. the last resume finishes the run: each record on the cell's new path, each rekey applied once (one
//    rekey request, one audit record, one event per key), membership's steps once, no member lost, verify ok.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serviceSession } from "@orgboard/auth/official-session";
import { openDatabase as openConferenceDatabase } from "@orgboard/conference";
import { createServiceLinks } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createInspectionService, membershipDirectory, openDatabase as openInspectionDatabase } from "@orgboard/inspection";
import { openDatabase as openPersonnelDatabase } from "@orgboard/personnel";
import { freePort } from "@orgboard/testkit";
import { createTRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../../src/router/index.js";
import { app, appDatabase, type App, type AppDatabase } from "./apps.js";
import { recordsUnder, restructuringEnv, seededMembership, silent, startRealm, up, verifierFor, type Cleanups, type Identity, type SeededMembership } from "./wired-services.js";

type Crashing = "personnel" | "conference";
const cleanups: Cleanups = [];
let dir = "";
let membership: SeededMembership;
let inspectionSql: <T>(q: string) => Promise<T[]>;
let inspectionUrl = "";
const apps = {} as Record<Crashing, App>;
const databases = {} as Record<Crashing, AppDatabase>;
let restructuring: App;
let session: Identity["session"];

/** SQL on a service's database while its process is down (the embedded database has one owner). */
async function sqlOf<T>(service: Crashing, q: string): Promise<T[]> {
  const open = service === "personnel" ? openPersonnelDatabase : openConferenceDatabase;
  const db = await open(databases[service].open);
  try {
    return await db.prisma.$queryRawUnsafe<T[]>(q);
  } finally {
    await db.close();
  }
}

const api = () => createTRPCClient<AppRouter>({ links: [createServiceLinks<AppRouter>({ restructuring: `${restructuring.url}/trpc` }, session("tw.bantochuc"))] }).restructuring;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-rekey-crash-services-"));
  const identityPort = await freePort();
  const realmUrl = `http://127.0.0.1:${identityPort}/realms/orgboard`;
  membership = await seededMembership(cleanups, realmUrl);
  const realm = await startRealm(cleanups, dir, identityPort);
  expect(realm.server.realmUrl).toBe(realmUrl);
  session = realm.session;

  const insp = await freshServiceDatabase("inspection", openInspectionDatabase);
  inspectionSql = (q) => insp.db.prisma.$queryRawUnsafe(q);
  const subjects = membershipDirectory({ baseUrl: membership.url, token: serviceSession(realm.tokenUrl, "inspection", "dev-inspection-secret") });
  inspectionUrl = await up(cleanups, createInspectionService({ db: insp.db, verifier: verifierFor(realmUrl)("inspection"), subjects, logger: silent("inspection"), rateLimits: false }), insp.drop);

  const common = { OIDC_ISSUER: realmUrl, AUDIT_ANCHOR_DIR: path.join(dir, "anchors") };
  const env: Record<Crashing, NodeJS.ProcessEnv> = {
    personnel: { ...common, OIDC_CLIENT_SECRET: "dev-personnel-secret", MEMBERSHIP_URL: membership.url, INSPECTION_URL: inspectionUrl },
    conference: { ...common, CONFERENCE_SWEEP_INTERVAL_MS: "0" },
  };
  for (const service of ["personnel", "conference"] as const) {
    const db = await appDatabase(service, dir);
    databases[service] = db;
    cleanups.push(() => db.drop());
    const a = await app(service, `apps/${service}/dist/main.js`, { ...db.env, ...env[service] });
    apps[service] = a;
    cleanups.push(() => a.stop());
  }
  // Personnel dies inside its first rekey transaction (this start only).
  await apps.personnel.start({ REKEY_CRASH_BEFORE_COMMIT: "personnel" });
  await apps.conference.start();

  const restructuringDb = await appDatabase("restructuring", dir);
  cleanups.push(() => restructuringDb.drop());
  const urls = { membership: membership.url, inspection: inspectionUrl, personnel: apps.personnel.url, conference: apps.conference.url };
  restructuring = await app("restructuring", "apps/restructuring/dist/main.js", restructuringEnv(restructuringDb.env, realmUrl, urls, dir));
  cleanups.push(() => restructuring.stop());
  await restructuring.start();
}, 300_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const MEMBERSHIP_DONE = ["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs"].map((s) => [s, "done"]);

describe("personnel and conference killed (-9) inside their rekey transactions, resumed", () => {
  let ids = { inspection: "", personnel: "", conference: "" };
  let planId = "";
  const key = (step: string) => `${planId}:08:${step}`;

  /** Nothing of the service's rekey in its database: no key, no audit record, no event. */
  async function nothingCommitted(service: Crashing) {
    expect(await sqlOf(service, `SELECT idempotency_key FROM rekey_request`), service).toEqual([]);
    expect(await sqlOf(service, `SELECT id FROM audit_record WHERE entity = 'ScopeKeys'`), service).toEqual([]);
    expect(await sqlOf(service, `SELECT id FROM outbox_event WHERE type = '${service}.restructuring.rekeyed'`), service).toEqual([]);
  }

  /** The service killed itself inside the resume's call; the province failed at its step, the steps before done. */
  async function killedIn(service: Crashing, view: Awaited<ReturnType<ReturnType<typeof api>["runs"]["resume"]["mutate"]>>, done: string[]) {
    const p = view.provinces[0]!;
    expect(p.status).toBe("failed");
    expect(p.steps.map((s) => [s.step, s.status])).toEqual([...MEMBERSHIP_DONE, ...done.map((s) => [s, "done"]), [`${service}.rekey`, "failed"]]);
    expect(await apps[service].exited(), apps[service].log()).toBe("SIGKILL");
    expect(apps[service].log()).toContain(`${service}: crash injected before the rekey's commit`);
  }

  it("personnel killed inside its rekey: rolled back whole, the step failed; restarted", async () => {
    const started = Date.now();
    ids = await recordsUnder(membership.cell.path, { inspection: inspectionUrl, personnel: apps.personnel.url, conference: apps.conference.url }, session);
    planId = (await api().plans.loadOfficial.mutate({})).id;
    await api().runs.start.mutate({ planId, provinceCodes: ["08"] });
    await killedIn("personnel", await api().runs.resume.mutate({ planId }), ["inspection.rekey"]);
    expect(await sqlOf("personnel", `SELECT id, org_path FROM cadre`)).toEqual([{ id: ids.personnel, org_path: membership.cell.path }]);
    await nothingCommitted("personnel");
    await apps.personnel.start();
    console.log(`records, run, membership's steps, personnel killed in its rekey and restarted: ${Date.now() - started} ms`);
  });

  it("the resume applies personnel's rekey; conference killed inside its own: rolled back whole (the site's roll-up key too), the step failed; restarted", async () => {
    const started = Date.now();
    await apps.conference.stop();
    await apps.conference.start({ REKEY_CRASH_BEFORE_COMMIT: "conference" });
    await killedIn("conference", await api().runs.resume.mutate({ planId }), ["inspection.rekey", "personnel.rekey"]);
    expect(await sqlOf("conference", `SELECT id, org_path FROM conference`)).toEqual([{ id: ids.conference, org_path: membership.cell.path }]);
    expect(await sqlOf("conference", `SELECT org_path, top_org_path FROM conference_site`)).toEqual([{ org_path: membership.cell.path, top_org_path: "/02/" }]);
    await nothingCommitted("conference");
    await apps.conference.start();
    console.log(`personnel's rekey applied, conference killed in its rekey and restarted: ${Date.now() - started} ms`);
  });

  it("the last resume finishes: each rekey applied once, every record on the new path, no member lost, verify ok", async () => {
    const started = Date.now();
    const view = await api().runs.resume.mutate({ planId });
    console.log(`the last resume: ${Date.now() - started} ms`);
    expect([view.status, view.provinces[0]!.error]).toEqual(["done", null]);
    const steps = view.provinces[0]!.steps;
    expect(steps.every((s) => s.status === "done")).toBe(true);
    // The killed services' steps twice (failed, then applied), every other once.
    expect(Object.fromEntries(steps.map((s) => [s.step, s.attempt]))).toEqual({
      "membership.mark": 1,
      "membership.createOrgs": 1,
      "membership.reparent": 1,
      "membership.closeOrgs": 1,
      "inspection.rekey": 1,
      "personnel.rekey": 2,
      "conference.rekey": 2,
      "identity.unitMoves": 1,
      verify: 1,
      "membership.unmark": 1,
    });
    for (const s of ["inspection.rekey", "personnel.rekey", "conference.rekey"]) expect(Object.values(steps.find((x) => x.step === s)!.records!).reduce((a, b) => a + b, 0), s).toBeGreaterThan(0);
    // runs.verify reads every wired service's records (both processes up): nothing left under a closed path.
    expect((await api().runs.verify.query({ planId })).ok).toBe(true);

    const [moved] = await membership.sql<{ path: string }>(`SELECT path FROM party_organization WHERE code = $1`, [membership.cell.code]);
    const newPath = moved!.path;
    expect(newPath.startsWith("/08-2025/")).toBe(true);
    expect(await inspectionSql(`SELECT id, org_path FROM watch_entry`)).toEqual([{ id: ids.inspection, org_path: newPath }]);
    expect(await inspectionSql(`SELECT idempotency_key FROM rekey_request`)).toEqual([{ idempotency_key: key("inspection.rekey") }]);
    await apps.personnel.stop();
    await apps.conference.stop();
    expect(await sqlOf("personnel", `SELECT id, org_path FROM cadre`)).toEqual([{ id: ids.personnel, org_path: newPath }]);
    expect(await sqlOf("conference", `SELECT id, org_path FROM conference`)).toEqual([{ id: ids.conference, org_path: newPath }]);
    expect(await sqlOf("conference", `SELECT org_path, top_org_path FROM conference_site`)).toEqual([{ org_path: newPath, top_org_path: "/08-2025/" }]);
    // Each killed service's rekey once: one key, one audit record and one event, all for the step's key.
    for (const service of ["personnel", "conference"] as const) {
      expect(await sqlOf(service, `SELECT idempotency_key FROM rekey_request`), service).toEqual([{ idempotency_key: key(`${service}.rekey`) }]);
      expect(await sqlOf(service, `SELECT entity_id FROM audit_record WHERE entity = 'ScopeKeys'`), service).toEqual([{ entity_id: key(`${service}.rekey`) }]);
      expect(await sqlOf(service, `SELECT aggregate_id FROM outbox_event WHERE type = '${service}.restructuring.rekeyed'`), service).toEqual([{ aggregate_id: key(`${service}.rekey`) }]);
    }
    // Membership: each of its steps once; no member lost.
    const applied = await membership.sql<{ idempotency_key: string }>(`SELECT idempotency_key FROM restructuring_step ORDER BY applied_at`);
    expect(applied.map((a) => a.idempotency_key.slice(planId.length + 1))).toEqual(["08:membership.mark", "08:membership.createOrgs", "08:membership.reparent", "08:membership.closeOrgs", "08:membership.unmark"]);
    expect(await membership.sql(`SELECT count(*)::int AS n FROM member WHERE org_path LIKE '/08-2025/%'`)).toEqual([{ n: membership.members }]);
  });
});
