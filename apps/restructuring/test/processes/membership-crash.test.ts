// Membership killed (-9) inside its own step transactions (issue #14 "kill any process at any point";
// docs/restructuring.md "Execution"): membership and restructuring both real processes (dist/main.js), each on
// its own database, one province merge (Hà Giang + Tuyên Quang → Tuyên Quang, real 2024 units). Membership
// kills itself with the step's changes, key, audit record and event written but not committed
// (MEMBERSHIP_CRASH_BEFORE_COMMIT): first in createOrgs, then, restarted, in reparent. Each time nothing of the
// step is found afterwards and the saga's step failed; membership restarted without the crash, a resume applies
// each step once and reaches the derived end state with every member in one open cell.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestIssuer, startTokenEndpoint, type TestIssuer } from "@orgboard/auth/testing";
import { openMembershipDatabase, type MembershipDatabase } from "@orgboard/membership";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { membershipLink } from "../../src/app/membership.js";
import { applyOrgChanges, compilePlan, deriveOrgChanges, officialPlan2025, type OrgNode } from "../../src/domain/index.js";
import { seedMembership } from "../../src/testing.js";
import { CENTRAL, clientOf } from "../integration/saga-system.js";
import { app, appDatabase, type App, type AppDatabase } from "./apps.js";

const cleanups: (() => Promise<void>)[] = [];
let dir = "";
let issuer: TestIssuer;
let membership: App;
let membershipDb: AppDatabase;
let restructuring: App;
let seeded = 0;
let treeBefore: readonly OrgNode[] = [];

/** SQL on membership's database while its process is stopped (the embedded database has one owner). */
async function membershipSql<T>(q: string, params: unknown[] = []): Promise<T[]> {
  const db: MembershipDatabase = await openMembershipDatabase(membershipDb.open);
  try {
    return (await db.query(q, params)).rows as T[];
  } finally {
    await db.close();
  }
}

const api = () => clientOf(restructuring.url, issuer, CENTRAL).restructuring;
const tree = () => membershipLink({ url: membership.url, getToken: () => issuer.mintService("restructuring", { audience: ["restructuring", "membership"] }) }).tree.load();
const stepKeys = async (planId: string) => (await membershipSql<{ idempotency_key: string }>(`SELECT idempotency_key FROM restructuring_step ORDER BY applied_at`)).map((r) => r.idempotency_key.slice(planId.length + 1));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-membership-crash-"));
  issuer = await createTestIssuer({ audience: "membership" });
  cleanups.push(() => issuer.close());
  membershipDb = await appDatabase("membership", dir);
  cleanups.push(() => membershipDb.drop());
  // Seeded before the process owns the database.
  const db = await openMembershipDatabase(membershipDb.open);
  seeded = (await seedMembership(db, ["02", "08"])).members;
  await db.close();
  const oidc = { OIDC_ISSUER: issuer.issuer, OIDC_JWKS_URL: issuer.jwksUrl, AUDIT_ANCHOR_DIR: path.join(dir, "anchors") };
  membership = await app("membership", "apps/membership/dist/main.js", { ...membershipDb.env, ...oidc });
  cleanups.push(() => membership.stop());
  await membership.start();
  treeBefore = await tree();

  const tokens = await startTokenEndpoint(issuer, { clientId: "restructuring", clientSecret: "membership-crash-secret", audiences: ["membership"] });
  cleanups.push(() => tokens.close());
  const restructuringDb = await appDatabase("restructuring", dir);
  cleanups.push(() => restructuringDb.drop());
  restructuring = await app("restructuring", "apps/restructuring/dist/main.js", {
    ...restructuringDb.env,
    ...oidc,
    OIDC_TOKEN_URL: tokens.url,
    OIDC_CLIENT_SECRET: "membership-crash-secret",
    MEMBERSHIP_URL: membership.url,
  });
  cleanups.push(() => restructuring.stop());
  await restructuring.start();
}, 300_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("membership killed (-9) inside its step transactions, resumed", () => {
  let planId = "";

  it("killed in createOrgs, then in reparent: nothing of either step committed, the saga's step failed each time", async () => {
    const started = Date.now();
    planId = (await api().plans.loadOfficial.mutate({})).id;
    await api().runs.start.mutate({ planId, provinceCodes: ["08"] });
    for (const step of ["createOrgs", "reparent"] as const) {
      await membership.stop();
      await membership.start({ MEMBERSHIP_CRASH_BEFORE_COMMIT: step });
      const view = await api().runs.resume.mutate({ planId });
      expect(await membership.exited(), membership.log()).toBe("SIGKILL");
      expect(membership.log()).toContain(`membership: crash injected before the ${step} step's commit`);
      const p = view.provinces[0]!;
      expect(p.status).toBe("failed");
      expect(p.steps.find((s) => s.step === `membership.${step}`)?.status).toBe("failed");
      // Nothing of the step: its key, its audit record, its event; the organizations and members as before it.
      const key = `${planId}:08:membership.${step}`;
      expect(await membershipSql(`SELECT 1 FROM restructuring_step WHERE idempotency_key = $1`, [key])).toEqual([]);
      expect(await membershipSql(`SELECT 1 FROM audit_record WHERE entity = 'RestructuringStep' AND entity_id = $1`, [key])).toEqual([]);
      expect(await membershipSql(`SELECT 1 FROM outbox_event WHERE aggregate_id = $1`, [key])).toEqual([]);
      if (step === "createOrgs") expect(await membershipSql(`SELECT code FROM party_organization WHERE code = '08-2025'`)).toEqual([]);
      else expect(await membershipSql<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE org_path LIKE '/08-2025/%'`)).toEqual([{ n: 0 }]);
      expect(await stepKeys(planId)).toEqual(step === "createOrgs" ? ["08:membership.mark"] : ["08:membership.mark", "08:membership.createOrgs"]);
    }
    await membership.start();
    console.log(`membership killed in createOrgs and in reparent, restarted twice: ${Date.now() - started} ms`);
  });

  it("restarted without the crash, a resume applies each step once: the derived end state, no member lost or duplicated", async () => {
    const view = await api().runs.resume.mutate({ planId });
    expect([view.status, view.provinces[0]!.error]).toEqual(["done", null]);
    const attempts = Object.fromEntries(view.provinces[0]!.steps.map((s) => [s.step, s.attempt]));
    expect(attempts).toEqual({ "membership.mark": 1, "membership.createOrgs": 2, "membership.reparent": 2, "membership.closeOrgs": 1, verify: 1, "membership.unmark": 1 });
    const after = await tree();
    const expected = applyOrgChanges(treeBefore, deriveOrgChanges(compilePlan(officialPlan2025()), treeBefore).changes);
    const shape = (t: readonly OrgNode[]) => t.map((o) => `${o.code} ${o.parentCode ?? "/"} ${o.kind} ${o.closed ? "closed" : "open"}`).sort();
    expect(shape(after)).toEqual(shape(expected));
    expect((await api().runs.verify.query({ planId })).ok).toBe(true);
    await membership.stop();
    expect(await stepKeys(planId)).toEqual(["08:membership.mark", "08:membership.createOrgs", "08:membership.reparent", "08:membership.closeOrgs", "08:membership.unmark"]);
    const [members] = await membershipSql<{ n: number; distinct_ids: number; placed: number; periods: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT m.id)::int AS distinct_ids,
              (count(*) FILTER (WHERE o.closed_on IS NULL AND o.kind IN ('grassroots_cell', 'subordinate_cell') AND m.org_path = o.path AND o.path LIKE '/08-2025/%'))::int AS placed,
              (SELECT count(*)::int FROM membership_period p WHERE p.ended_on IS NULL) AS periods
       FROM member m JOIN party_organization o ON o.id = m.org_id`,
    );
    expect(members).toEqual({ n: seeded, distinct_ids: seeded, placed: seeded, periods: seeded });
    expect(await membershipSql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_record WHERE entity = 'RestructuringStep'`)).toEqual([{ n: 5 }]);
  });
});
