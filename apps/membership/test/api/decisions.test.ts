// Inspection's discipline decisions take effect in membership, exactly once (issue #8): the consumer of
// `inspection.events.stream` (src/decisions/) against a real stream server over a real outbox
// (inspection-stand-in.ts), a real token endpoint for membership's client-credentials login, the real
// membership service over HTTP on its own database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { clientCredentials, createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { createLogger } from "@orgboard/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/sql.js";
import type { DecisionOutcome } from "../../src/decisions/apply-decision.js";
import { createMembershipService, type MembershipService } from "../../src/server.js";
import { Fixture, TREE } from "./fixtures.js";
import { board, databaseDigest, startHarness, TODAY, type Harness } from "./harness.js";
import { startInspectionStandIn, type DecisionInput, type InspectionStandIn } from "./inspection-stand-in.js";

let inspectionIssuer: TestIssuer;
let inspection: InspectionStandIn;
let h: Harness;
let fx: Fixture;
/** The membership service following inspection now (replaced by the restart tests). */
let current: MembershipService;
const handled: { eventId: string; outcome: DecisionOutcome }[] = [];
/** Called after each event membership committed (the burst test stops membership from here). */
let afterEach: ((eventId: string) => void) | null = null;

const follow = () => ({
  url: inspection.url,
  getToken: clientCredentials({ tokenUrl: inspection.tokenUrl, clientId: "membership", clientSecret: inspection.clientSecret }),
  retryDelayMs: 50,
  maxRetryDelayMs: 200,
  // Small batches, so the burst below stops between two of them (in production: the events waiting, ≤ 200).
  maxBatchSize: 4,
  onHandled: (e: { id: string }, outcome: DecisionOutcome) => {
    handled.push({ eventId: e.id, outcome });
    afterEach?.(e.id);
  },
});

/** A second membership service on the same database (the first one stopped): a restart. */
async function restartMembership(): Promise<void> {
  await current.stop();
  current = createMembershipService({
    db: h.db,
    verifier: createTokenVerifier(h.issuer.verifierOptions()),
    today: () => TODAY,
    logger: createLogger({ name: "membership", level: "silent" }),
    closeDatabase: false,
    inspection: follow(),
  });
  await current.start({ handleSignals: false });
}

beforeAll(async () => {
  inspectionIssuer = await createTestIssuer({ audience: "inspection" });
  inspection = await startInspectionStandIn(inspectionIssuer);
  h = await startHarness({ inspection: follow() });
  current = h.service;
  fx = new Fixture(h.db);
  await fx.tree();
});

afterAll(async () => {
  await current?.stop();
  await h?.close();
  await inspection?.close();
  await inspectionIssuer?.close();
});

async function checkpoint(db: Database): Promise<bigint> {
  const { rows } = await db.query<{ id: string }>(`SELECT last_event_id::text AS id FROM stream_checkpoint WHERE source = 'inspection'`);
  return BigInt(rows[0]?.id ?? "0");
}

/** Waits until membership has committed the event `eventId` (its checkpoint reached it). */
async function committed(eventId: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await checkpoint(h.db)) < BigInt(eventId)) {
    if (Date.now() > deadline) throw new Error(`membership did not commit inspection event ${eventId} within ${timeoutMs} ms (checkpoint ${await checkpoint(h.db)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Written {
  audit: { actor: string; action: string; entity: string; entity_id: string; org_path: string; after: Record<string, unknown> }[];
  events: { type: string; org_path: string; aggregate_id: string; payload: Record<string, unknown> }[];
}

/** Audit records and outbox events written after the marks taken by `mark()`. */
async function mark(): Promise<() => Promise<Written>> {
  const { rows } = await h.db.query<{ a: number; o: number }>(`SELECT coalesce((SELECT max(id) FROM audit_record), 0)::int AS a, coalesce((SELECT max(id) FROM outbox_event), 0)::int AS o`);
  const { a, o } = rows[0]!;
  return async () => ({
    audit: (await h.db.query<Written["audit"][number]>(`SELECT actor, action, entity, entity_id, org_path, after FROM audit_record WHERE id > $1 ORDER BY id`, [a])).rows,
    events: (await h.db.query<Written["events"][number]>(`SELECT type, org_path, aggregate_id, payload FROM outbox_event WHERE id > $1 ORDER BY id`, [o])).rows,
  });
}

async function appliedRow(decisionId: string) {
  const { rows } = await h.db.query<{ outcome: string; reason: string | null; message: string | null; event_id: string }>(
    `SELECT outcome, reason, message, event_id::text AS event_id FROM applied_decision WHERE source = 'inspection' AND decision_id = $1`,
    [decisionId],
  );
  return rows;
}

const hanoi = () => h.client(board(TREE.p1));
const expelledIn = async (orgPath: string) => (await hanoi().membership.kpi.report.query({ orgPath, year: 2026 })).removals.expelled;

describe("an expulsion decided in inspection", () => {
  it("becomes a removal of kind expelled with the decision's number and dates, in history and the annual report", async () => {
    const id = await fx.member(TREE.c1, { fullName: "Trần Văn Bình" });
    const transfer = await fx.transfer(id, TREE.c2);
    const [cellBefore, provinceBefore] = [await expelledIn(TREE.c1), await expelledIn(TREE.p1)];
    const since = await mark();
    const { decision, eventId } = await inspection.decide({ form: "expulsion", memberId: id, decisionNumber: "45-QĐ/UBKTTU", decidedOn: "2026-10-02", effectiveOn: "2026-10-05" }, TREE.c1);
    await committed(eventId);

    const hist = await hanoi().membership.members.history.query({ id });
    expect(hist.member.status).toBe("removed");
    expect(hist.removal).toEqual({
      kind: "expelled",
      removedOn: "2026-10-05",
      decisionNumber: "45-QĐ/UBKTTU",
      decidedOn: "2026-10-02",
      reason: "Khai trừ ra khỏi Đảng theo Quyết định số 45-QĐ/UBKTTU ngày 02/10/2026 / expelled by decision 45-QĐ/UBKTTU of 2026-10-02",
    });
    expect(hist.periods.at(-1)).toMatchObject({ endedOn: "2026-10-05", endReason: "removal" });
    expect(hist.transfers.find((t) => t.id === transfer)?.status).toBe("cancelled");
    expect(await expelledIn(TREE.c1)).toBe(cellBefore + 1);
    expect(await expelledIn(TREE.p1)).toBe(provinceBefore + 1);

    const w = await since();
    // The reads above are audited too (the member's history, #9): the change is inspection's one record.
    w.audit = w.audit.filter((r) => r.actor === "inspection");
    expect(w.audit).toHaveLength(1);
    expect(w.audit[0]).toMatchObject({ actor: "inspection", action: "membership.decisions.apply", entity: "Removal", entity_id: String(id), org_path: TREE.c1 });
    expect(w.audit[0]!.after).toMatchObject({ kind: "expelled", decision: { decisionId: decision.decisionId, decisionNumber: "45-QĐ/UBKTTU", eventId } });
    expect(w.events.map((e) => [e.type, e.org_path])).toEqual([
      ["membership.member.removed", TREE.c1],
      ["membership.decision.applied", TREE.c1],
    ]);
    expect(w.events[1]).toMatchObject({
      aggregate_id: decision.decisionId,
      payload: { source: "inspection", decisionId: decision.decisionId, form: "expulsion", memberId: id, orgId: fx.orgId(TREE.c1), appliedOn: "2026-10-05" },
    });
    expect(await appliedRow(decision.decisionId)).toEqual([{ outcome: "applied", reason: null, message: null, event_id: eventId }]);
  });
});

describe("a dissolution decided in inspection", () => {
  it("closes the organization on the effective date", async () => {
    const orgId = await fx.org("/01/01-G1/01-C8/", "subordinate_cell", "Chi bộ Tổ dân phố 8");
    const since = await mark();
    const { decision, eventId } = await inspection.decide({ form: "dissolution", orgId, effectiveOn: "2026-10-10" }, "/01/01-G1/01-C8/");
    await committed(eventId);
    const org = await hanoi().membership.orgs.get.query({ orgPath: "/01/01-G1/01-C8/" });
    expect(org.closedOn).toBe("2026-10-10");
    const w = await since();
    expect(w.audit.map((a) => [a.actor, a.action, a.entity])).toEqual([["inspection", "membership.decisions.apply", "PartyOrganization"]]);
    expect(w.events.map((e) => e.type)).toEqual(["membership.organization.closed", "membership.decision.applied"]);
    expect(w.events[1]!.payload).toMatchObject({ form: "dissolution", orgId, memberId: null, appliedOn: "2026-10-10" });
    expect((await appliedRow(decision.decisionId))[0]?.outcome).toBe("applied");
  });
});

describe("other forms", () => {
  it("reprimand, warning and dismissal are recorded as seen and change nothing", async () => {
    const id = await fx.member(TREE.c2);
    const before = await hanoi().membership.members.get.query({ id });
    const since = await mark();
    const ids: string[] = [];
    for (const form of ["reprimand", "warning", "dismissal"] as const) {
      const { decision, eventId } = await inspection.decide({ form, memberId: id }, TREE.c2);
      await committed(eventId);
      ids.push(decision.decisionId);
    }
    for (const d of ids) expect((await appliedRow(d))[0]?.outcome).toBe("not_applicable");
    expect(await since()).toEqual({ audit: [], events: [] });
    expect(await hanoi().membership.members.get.query({ id })).toEqual(before);
  });

  it("events that are not decisions only move the checkpoint", async () => {
    const since = await mark();
    const eventId = await inspection.emit("inspection.watch.added", TREE.p1, { watchId: "0190f3a2-7c1e-7000-8000-000000000001", addedOn: "2026-10-01" });
    await committed(eventId);
    expect(await since()).toEqual({ audit: [], events: [] });
  });
});

describe("refusals: the records contradict the decision", () => {
  /** The decision is refused for `reason`; the refusal names `orgId` (the member's organization for an expulsion). */
  async function expectRefused(d: DecisionInput, orgPath: string, reason: string, orgId: number | null) {
    const digest = await databaseDigest(h.db);
    const since = await mark();
    const { decision, eventId } = await inspection.decide(d, orgPath);
    await committed(eventId);
    const rows = await appliedRow(decision.decisionId);
    expect(rows).toMatchObject([{ outcome: "refused", reason }]);
    const message = rows[0]!.message!;
    // Vietnamese first, then English.
    const [vi, en, ...rest] = message.split(" / ");
    expect(rest).toEqual([]);
    expect(vi).toMatch(/[^ -~]/);
    expect(en).toMatch(/^[\x20-\x7e]+$/);
    const w = await since();
    expect(w.audit).toMatchObject([{ actor: "inspection", action: "membership.decisions.apply", entity: "AppliedDecision", entity_id: decision.decisionId, org_path: orgPath }]);
    expect(w.events).toEqual([
      {
        type: "membership.decision.refused",
        org_path: orgPath,
        aggregate_id: decision.decisionId,
        payload: { source: "inspection", decisionId: decision.decisionId, form: d.form, memberId: decision.memberId, orgId, reason, message },
      },
    ]);
    // Nothing else changed: only the bookkeeping of the refusal.
    const after = await databaseDigest(h.db);
    const changed = Object.keys(after).filter((t) => after[t] !== digest[t]);
    expect(changed.sort()).toEqual(["applied_decision", "audit_record", "outbox_event", "stream_checkpoint"]);
    return message;
  }

  it("a member who left meanwhile: member_not_active", async () => {
    const gone = await fx.member(TREE.c1, { status: "removed" });
    const msg = await expectRefused({ form: "expulsion", memberId: gone }, TREE.c1, "member_not_active", fx.orgId(TREE.c1));
    expect(msg).toContain(`Đảng viên mã số ${gone} không còn sinh hoạt đảng (đã ra khỏi Đảng)`);
  });

  it("a member already expelled by a first decision: the second is member_not_active", async () => {
    const id = await fx.member(TREE.k1);
    const first = await inspection.decide({ form: "expulsion", memberId: id }, TREE.k1);
    await committed(first.eventId);
    await expectRefused({ form: "expulsion", memberId: id }, TREE.k1, "member_not_active", fx.orgId(TREE.k1));
  });

  it("no such member: member_not_found (the event goes to the organization the decision named)", async () => {
    await expectRefused({ form: "expulsion", memberId: 987_654_321 }, TREE.c2, "member_not_found", null);
  });

  it("an effective date before the member joined their current organization: effective_before_start", async () => {
    const id = await fx.member(TREE.c2, { joinedOn: "2026-10-20" });
    await expectRefused({ form: "expulsion", memberId: id, effectiveOn: "2026-10-05" }, TREE.c2, "effective_before_start", fx.orgId(TREE.c2));
    expect((await hanoi().membership.members.get.query({ id })).status).toBe("official");
  });

  it("an organization with active members: organization_not_empty", async () => {
    await fx.member(TREE.c3);
    const msg = await expectRefused({ form: "dissolution", orgId: fx.orgId(TREE.c3) }, TREE.c3, "organization_not_empty", fx.orgId(TREE.c3));
    expect(msg).toMatch(/còn \d+ đảng viên đang sinh hoạt/);
  });

  it("an organization with open children: organization_not_empty", async () => {
    await expectRefused({ form: "dissolution", orgId: fx.orgId(TREE.g2) }, TREE.g2, "organization_not_empty", fx.orgId(TREE.g2));
  });

  it("an organization already closed: organization_closed", async () => {
    const orgId = await fx.org("/02/02-G1/02-C7/", "subordinate_cell", "Chi bộ thôn 7", { closedOn: "2025-01-01" });
    await expectRefused({ form: "dissolution", orgId }, "/02/02-G1/02-C7/", "organization_closed", orgId);
  });

  it("no such organization: organization_not_found", async () => {
    await expectRefused({ form: "dissolution", orgId: 987_654_321 }, TREE.p2, "organization_not_found", 987_654_321);
  });
});

describe("exactly once", () => {
  it("a duplicate event of the same decision changes nothing", async () => {
    const id = await fx.member(TREE.c1);
    const first = await inspection.decide({ form: "expulsion", memberId: id }, TREE.c1);
    await committed(first.eventId);
    const digest = await databaseDigest(h.db);
    const again = await inspection.emit("inspection.discipline.effective", TREE.c1, first.decision);
    await committed(again);
    const after = await databaseDigest(h.db);
    expect(Object.keys(after).filter((t) => after[t] !== digest[t])).toEqual(["stream_checkpoint"]);
    expect(handled.find((x) => x.eventId === again)?.outcome).toBe("duplicate");
  });

  it("replaying the whole stream after a restart (checkpoint lost) changes nothing", async () => {
    const last = await inspection.decide({ form: "expulsion", memberId: await fx.member(TREE.c2) }, TREE.c2);
    await committed(last.eventId);
    await current.stop();
    const { stream_checkpoint: _, ...digest } = await databaseDigest(h.db);
    await h.db.query(`DELETE FROM stream_checkpoint`);
    const from = handled.length;
    await restartMembership();
    await committed(last.eventId);
    const { stream_checkpoint: __, ...after } = await databaseDigest(h.db);
    expect(after).toEqual(digest);
    expect(await checkpoint(h.db)).toBe(BigInt(last.eventId));
    const replayed = handled.slice(from);
    expect(replayed.length).toBeGreaterThan(10);
    expect(new Set(replayed.map((x) => x.outcome))).toEqual(new Set(["duplicate", "skipped"]));
  });

  it("a failure after the effect was written, before commit: the effect rolls back and is applied once on retry", async () => {
    const id = await fx.member(TREE.c1);
    // The next two checkpoint writes fail, after the removal of their transaction was written (a sequence
    // counts the attempts: nextval is not rolled back with the transaction; the upsert fires BEFORE INSERT
    // once per attempt).
    await h.db.exec(`
      CREATE SEQUENCE crash_attempts;
      CREATE FUNCTION crash_twice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('crash_attempts') <= 2 THEN RAISE EXCEPTION 'simulated crash before commit'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER crash_twice BEFORE INSERT ON stream_checkpoint FOR EACH ROW EXECUTE FUNCTION crash_twice();`);
    try {
      const { decision, eventId } = await inspection.decide({ form: "expulsion", memberId: id }, TREE.c1);
      await committed(eventId);
      const { rows: attempts } = await h.db.query<{ n: string }>(`SELECT last_value::text AS n FROM crash_attempts`);
      expect(Number(attempts[0]!.n)).toBe(3);
      const { rows } = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM removal WHERE member_id = $1`, [id]);
      expect(rows[0]!.n).toBe(1);
      expect(await appliedRow(decision.decisionId)).toHaveLength(1);
      const { rows: ev } = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'membership.decision.applied' AND aggregate_id = $1`, [decision.decisionId]);
      expect(ev[0]!.n).toBe(1);
    } finally {
      await h.db.exec(`DROP TRIGGER IF EXISTS crash_twice ON stream_checkpoint; DROP FUNCTION IF EXISTS crash_twice(); DROP SEQUENCE IF EXISTS crash_attempts;`);
    }
  });

  it("membership stopped in the middle of a burst resumes from its checkpoint: every decision applied exactly once", async () => {
    const members: number[] = [];
    for (let i = 0; i < 40; i++) members.push(await fx.member(TREE.k1));
    // Membership stops (HTTP, consumer) right after it committed the batch holding the 5th decision of the burst.
    let count = 0;
    const stopping = new Promise<Promise<void>>((resolve) => {
      afterEach = () => {
        count += 1;
        if (count === 5) resolve(current.stop());
      };
    });
    const decisions = await inspection.decideMany(members.map((memberId) => ({ form: "expulsion", memberId })), TREE.k1);
    const lastId = decisions.at(-1)!.eventId;
    await stopping.then((stopped) => stopped);
    afterEach = null;
    // The batch's events were all told (≤ 4 per batch): the checkpoint is its last one's, nothing after it applied.
    expect(count).toBeGreaterThanOrEqual(5);
    expect(count).toBeLessThan(9);
    expect(await checkpoint(h.db)).toBe(BigInt(decisions[count - 1]!.eventId));
    const { rows: halfway } = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM applied_decision WHERE decision_id = ANY($1::text[])`, [decisions.map((d) => d.decision.decisionId)]);
    expect(halfway[0]!.n).toBe(count);
    await restartMembership();
    await committed(lastId);

    const ids = decisions.map((d) => d.decision.decisionId);
    const { rows } = await h.db.query<{ outcome: string; n: number }>(
      `SELECT outcome, count(*)::int AS n FROM applied_decision WHERE decision_id = ANY($1::text[]) GROUP BY outcome`,
      [ids],
    );
    expect(rows).toEqual([{ outcome: "applied", n: 40 }]);
    const { rows: removals } = await h.db.query<{ n: number; members: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS members FROM removal WHERE member_id = ANY($1::int[])`,
      [members],
    );
    expect(removals[0]).toEqual({ n: 40, members: 40 });
    const { rows: events } = await h.db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT aggregate_id)::int AS distinct FROM outbox_event WHERE type = 'membership.decision.applied' AND aggregate_id = ANY($1::text[])`,
      [ids],
    );
    expect(events[0]).toEqual({ n: 40, distinct: 40 });
  });
});

describe("configuration", () => {
  it("without INSPECTION_URL no consumer runs", async () => {
    const other = await startHarness();
    try {
      expect(other.service.decisions()).toBeNull();
    } finally {
      await other.close();
    }
  });
});
