// runs.start / resume / get / verify / rollback over real HTTP: restructuring and membership on real
// databases, membership seeded with the real 2024 units of Hà Giang (02), Tuyên Quang (08) and Lai Châu (12),
// the official 2025 plan (Hà Giang and Tuyên Quang merge into Tuyên Quang, Lai Châu stays; districts
// abolished; communes merged). Happy path end to end (every step done, every member placed, conservation
// against membership's own counts), the two new provinces run at once on PostgreSQL (two at a time; one on
// PGlite), a province failing (the other finishes, nothing else starts, a later resume completes it), role ×
// scope, bad input naming the field, and the rollback refused after the effective date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MembershipSteps } from "../../src/app/steps.js";
import { compilePlan, deriveOrgChanges, officialPlan2025, provinceWork } from "../../src/domain/index.js";
import { failure } from "./harness.js";
import { CENTRAL, endState, startInProcess, startMembership, type MembershipSide, type RestructuringSide } from "./saga-system.js";

let m: MembershipSide;
let r: RestructuringSide;
let planId: string;
let concurrent: boolean;
/** Members of each new province's sources, read from membership before the run. */
let membersOf: Record<string, number>;
/** Membership's open organizations by kind under some paths (as its orgs.structure counts them). */
const structureUnder = async (like: string[]) =>
  Object.fromEntries((await m.q<{ kind: string; n: number }>(`SELECT kind, count(*)::int AS n FROM party_organization WHERE closed_on IS NULL AND path LIKE ANY($1::text[]) GROUP BY kind`, [like])).map((x) => [x.kind, x.n]));
const nonZero = (s: Record<string, number> | null | undefined) => Object.fromEntries(Object.entries(s ?? {}).filter(([, n]) => n > 0));
let structureBefore: Record<string, Record<string, number>>;

// Injected by the test: with two provinces at once, both reparents are called together (each waits for the
// other's), the first province's closeOrgs then fails once, and the other's closeOrgs waits for that failure,
// so membership's two big steps overlap and the failure comes while the other province runs. With one at a
// time (PGlite) the failure comes at once and nothing waits.
const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const inject = { first: null as string | null, failing: null as string | null, other: null as string | null, reparents: new Map<string, ReturnType<typeof deferred>>(), failed: deferred() };
const provinceOfKey = (key: string) => key.split(":")[1];
const as = (role: "provincial_board" | "viewer" | "central_board", orgPath: string) => ({ sub: `${role}-${orgPath}`, roles: [role], orgPaths: [orgPath] });

beforeAll(async () => {
  m = await startMembership(["02", "08", "12"]);
  const steps = m.link.steps;
  const arrived = (code: string) => inject.reparents.get(code) ?? inject.reparents.set(code, deferred()).get(code)!;
  const membership: MembershipSteps = {
    ...steps,
    reparent: async (input) => {
      const code = provinceOfKey(input.idempotencyKey)!;
      if (concurrent && inject.first !== null && inject.other !== null && (code === inject.first || code === inject.other)) {
        arrived(code).resolve();
        await arrived(code === inject.first ? inject.other : inject.first).promise;
      }
      return steps.reparent(input);
    },
    closeOrgs: async (input) => {
      const code = provinceOfKey(input.idempotencyKey);
      if (code === inject.failing) {
        inject.failing = null;
        inject.failed.resolve();
        throw new Error("injected: membership unreachable");
      }
      if (concurrent && code === inject.other) await inject.failed.promise;
      return steps.closeOrgs(input);
    },
  };
  // One at a time by default (office hours); the resume below asks for two (contract 1.4's `concurrency`).
  r = await startInProcess(m, { membership, provinceConcurrency: 1 });
  concurrent = r.db.shared.native.kind !== "pglite";
  const count = async (like: string[]) => (await m.q<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE org_path LIKE ANY($1::text[])`, [like]))[0]!.n;
  membersOf = { "08": await count(["/02/%", "/08/%"]), "12": await count(["/12/%"]) };
  structureBefore = { "08": await structureUnder(["/02/%", "/08/%"]), "12": await structureUnder(["/12/%"]) };
  planId = (await r.client(CENTRAL).restructuring.plans.loadOfficial.mutate({})).id;
}, 120_000);
afterAll(async () => {
  await r?.close();
  await m?.close();
});

describe("runs: who may, bad input", () => {
  it("start, resume, rollback are the central board's; get and verify answer NOT_FOUND outside the plan's scope", async () => {
    for (const claims of [as("provincial_board", "/08/"), as("viewer", "/")]) {
      expect((await failure(r.client(claims).restructuring.runs.start.mutate({ planId }))).code, claims.sub).toBe("FORBIDDEN");
      expect((await failure(r.client(claims).restructuring.runs.resume.mutate({ planId }))).code, claims.sub).toBe("FORBIDDEN");
      expect((await failure(r.client(claims).restructuring.runs.rollback.mutate({ planId }))).code, claims.sub).toBe("FORBIDDEN");
    }
    // (a provincial board reads its own new province's row: plans-edit.test.ts; Hà Nội is not in this tree)
    const outside = await failure(r.client(as("provincial_board", "/01/")).restructuring.runs.get.query({ planId }));
    const missing = await failure(r.client(CENTRAL).restructuring.runs.get.query({ planId: "0193a1b2-0000-7000-8000-000000000000" }));
    expect(outside).toEqual(missing);
    expect(outside.code).toBe("NOT_FOUND");
    expect((await failure(r.client(as("provincial_board", "/08/")).restructuring.runs.verify.query({ planId }))).code).toBe("NOT_FOUND");
    expect((await failure(r.client(null).restructuring.runs.get.query({ planId }))).code).toBe("UNAUTHORIZED");
    expect(await r.db.prisma.runProvince.count()).toBe(0);
  });

  it("bad input → 400 naming the field", async () => {
    const f = await failure(r.client(CENTRAL).restructuring.runs.start.mutate({ planId: "nope", provinceCodes: ["8"] }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fieldErrors.map((e) => e.path).sort()).toEqual(["planId", "provinceCodes.0"]);
    const g = await failure(r.client(CENTRAL).restructuring.runs.resume.mutate({ planId, provinceCode: "xx" }));
    expect(g.fieldErrors.map((e) => e.path)).toEqual(["provinceCode"]);
    for (const concurrency of [0, 1.5, 17]) {
      const h = await failure(r.client(CENTRAL).restructuring.runs.resume.mutate({ planId, concurrency }));
      expect([h.code, h.fieldErrors.map((e) => e.path)], String(concurrency)).toEqual(["BAD_REQUEST", ["concurrency"]]);
      expect(h.fieldErrors[0]!.message).toMatch(/^(phải là số nguyên|ít nhất 1|tối đa 16)/);
    }
  });

  it("resume before start: CONFLICT naming the plan", async () => {
    const f = await failure(r.client(CENTRAL).restructuring.runs.resume.mutate({ planId }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/^planId: đề án đang ở trạng thái draft/);
  });
});

describe("a run of Tuyên Quang (Hà Giang + Tuyên Quang) and Lai Châu", () => {
  const STEPS = ["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs", "verify", "membership.unmark"];

  it("start stores the derived changes per province, audited, with restructuring.run.started", async () => {
    const view = await r.client(CENTRAL).restructuring.runs.start.mutate({ planId });
    expect(view.status).toBe("running");
    expect(view.provinces.map((p) => [p.provinceCode, p.orgCode, p.orgPath, p.status, p.membersBefore])).toEqual([
      ["08", "08-2025", "/08-2025/", "pending", membersOf["08"]],
      ["12", "12", "/12/", "pending", membersOf["12"]],
    ]);
    expect(membersOf["08"]! + membersOf["12"]!).toBe(m.seeded.members);
    // Where each province's records are before it runs (1.5): its old provinces' committees.
    expect(view.provinces.map((p) => [...p.sourceOrgPaths].sort())).toEqual([["/02/", "/08/"], ["/12/"]]);
    // The same changes the domain derives on membership's tree.
    const tree = await m.link.tree.load();
    const compiled = compilePlan(officialPlan2025());
    const work = provinceWork(compiled, tree, deriveOrgChanges(compiled, tree));
    for (const w of work) {
      const stored = await r.db.prisma.orgChange.findMany({ where: { planId, provinceCode: w.provinceCode }, orderBy: { position: "asc" } });
      expect(stored.map((x) => x.payload), w.provinceCode).toEqual(w.changes);
    }
    // Tuyên Quang and its 124 communes (NQ 1681/NQ-UBTVQH15): created, or continuing (same code, whole).
    const tq = view.provinces.find((p) => p.provinceCode === "08")!;
    expect(tq.changes.create + tq.changes.update).toBe(1 + 124);
    // 1.13: each province's structure before, as membership counts it now; after, as the plan leaves it (checked
    // against membership once the run is done, below): one province committee, no district committee.
    for (const p of view.provinces) {
      expect(nonZero(p.structure?.before), p.provinceCode).toEqual(structureBefore[p.provinceCode]);
      expect(p.structure?.after, p.provinceCode).toMatchObject({ provincial_committee: 1, upper_grassroots_committee: 0 });
    }
    expect(tq.structure!.before).toMatchObject({ provincial_committee: 2, upper_grassroots_committee: structureBefore["08"]!["upper_grassroots_committee"] });
    expect(structureBefore["08"]!["upper_grassroots_committee"]).toBeGreaterThan(10);
    expect((await r.db.prisma.outboxEvent.findMany({ where: { aggregateId: planId } })).map((e) => e.type)).toEqual(["restructuring.plan.loaded", "restructuring.run.started"]);
    // Started once.
    expect((await failure(r.client(CENTRAL).restructuring.runs.start.mutate({ planId }))).code).toBe("CONFLICT");
  });

  it("resume runs the two independent provinces at once when asked (PostgreSQL); one failing lets the other finish and starts nothing new", async () => {
    // The first province in the stored order fails in its closeOrgs; the second is the other one.
    const stored = await r.db.prisma.runProvince.findMany({ where: { planId }, orderBy: { position: "asc" } });
    const [first, second] = stored.map((p) => p.provinceCode) as [string, string];
    Object.assign(inject, { first, failing: first, other: second });
    const started = Date.now();
    // Two at once asked of a service whose default is one: ignored on PGlite (one connection), else the injected
    // waits above would never end.
    const view = await r.client(CENTRAL).restructuring.runs.resume.mutate({ planId, concurrency: 2 });
    console.log(`resume with ${concurrent ? 2 : 1} at once, ${first} failing: ${Date.now() - started} ms`);
    // runs.resume answers the run view as before: the plan still running, the failed province named.
    expect(view.status).toBe("running");
    const a = view.provinces.find((p) => p.provinceCode === first)!;
    const b = view.provinces.find((p) => p.provinceCode === second)!;
    expect(a.status).toBe("failed");
    expect(a.error).toMatch(/^membership\.closeOrgs: injected: membership unreachable/);
    expect(a.steps.map((s) => [s.step, s.status])).toEqual([["membership.mark", "done"], ["membership.createOrgs", "done"], ["membership.reparent", "done"], ["membership.closeOrgs", "failed"]]);
    // The failure is on the stream (the progress screen reloads on it), with the message stored, where the province's steps are.
    const failedEvents = await r.db.prisma.outboxEvent.findMany({ where: { type: "restructuring.step.failed" } });
    expect(failedEvents.map((e) => [e.orgPath, e.payload])).toEqual([[a.orgPath, { planId, provinceCode: first, step: "membership.closeOrgs", attempt: 1, error: a.steps[3]!.error }]]);
    expect(a.error).toBe(`membership.closeOrgs: ${a.steps[3]!.error}`);
    const rows = await r.db.prisma.sagaStep.findMany({ where: { planId } });
    if (concurrent) {
      // The other ran meanwhile and finished: their steps overlapped in time.
      expect(b.status).toBe("done");
      expect(b.steps.map((s) => [s.step, s.status])).toEqual(STEPS.map((s) => [s, "done"]));
      const span = (code: string) => {
        const own = rows.filter((x) => x.provinceCode === code);
        return { from: Math.min(...own.map((x) => x.startedAt.getTime())), to: Math.max(...own.map((x) => x.finishedAt!.getTime())) };
      };
      const [sa, sb] = [span(first), span(second)];
      expect(sa.from).toBeLessThan(sb.to);
      expect(sb.from).toBeLessThan(sa.to);
      // Membership's two reparents (per-connection temp tables, counters keyed by path, the audit chain's lock
      // at the end) were in flight together: both done, no deadlock; the counters are checked below.
      const reparent = (code: string) => rows.find((x) => x.provinceCode === code && x.step === "membership.reparent")!;
      expect(reparent(first).startedAt.getTime()).toBeLessThanOrEqual(reparent(second).finishedAt!.getTime());
      expect(reparent(second).startedAt.getTime()).toBeLessThanOrEqual(reparent(first).finishedAt!.getTime());
      // The failure came while the other was running: it finished after.
      expect(rows.find((x) => x.provinceCode === first && x.step === "membership.closeOrgs")!.finishedAt!.getTime()).toBeLessThanOrEqual(sb.to);
    } else {
      // One at a time (PGlite): after the failure nothing else starts.
      expect(b.status).toBe("pending");
      expect(rows.filter((x) => x.provinceCode === second)).toEqual([]);
    }

    // A later resume continues: the failed step again (attempt 2), the rest once.
    const done = await r.client(CENTRAL).restructuring.runs.resume.mutate({ planId });
    expect(done.status).toBe("done");
    for (const p of done.provinces) {
      expect(p.error).toBeNull();
      expect(p.steps.map((s) => [s.step, s.status, s.attempt]), p.provinceCode).toEqual(STEPS.map((s) => [s, "done", p.provinceCode === first && s === "membership.closeOrgs" ? 2 : 1]));
      expect(p.membersAfter, p.provinceCode).toBe(membersOf[p.provinceCode]);
    }
    // No other service's URL here: their steps are not in the run, and the view names them.
    expect(done.notWired).toEqual(["inspection.rekey", "personnel.rekey", "conference.rekey", "identity.unitMoves"]);
    // Every member stays, each in an open cell of its new province.
    const [placed] = await m.q<{ n: number; tq: number; lc: number }>(
      `SELECT count(*)::int AS n,
              (count(*) FILTER (WHERE o.closed_on IS NULL AND o.kind IN ('grassroots_cell', 'subordinate_cell') AND m.org_path = o.path AND o.path LIKE '/08-2025/%'))::int AS tq,
              (count(*) FILTER (WHERE o.closed_on IS NULL AND o.kind IN ('grassroots_cell', 'subordinate_cell') AND m.org_path = o.path AND o.path LIKE '/12/%'))::int AS lc
       FROM member m JOIN party_organization o ON o.id = m.org_id`,
    );
    expect(placed).toEqual({ n: m.seeded.members, tq: membersOf["08"], lc: membersOf["12"] });
    const [old] = await m.q<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization WHERE closed_on IS NULL AND (path LIKE '/02/%' OR path LIKE '/08/%')`);
    expect(old!.n).toBe(0);
    // Membership's counters followed both provinces' moves (statement triggers, keyed by path): no update lost.
    const [totals] = await m.q<{ net: number; stale: number }>(
      `SELECT coalesce(sum(net), 0)::int AS net, (count(*) FILTER (WHERE net <> 0 AND (org_path LIKE '/02/%' OR org_path LIKE '/08/%')))::int AS stale FROM org_member_total`,
    );
    expect(totals).toEqual({ net: m.seeded.members, stale: 0 });
    const events = await r.db.prisma.outboxEvent.findMany({ where: { type: "restructuring.step.done" } });
    expect(events).toHaveLength(12);
    // 12 steps done, the one failure.
    expect(await r.db.prisma.auditRecord.count({ where: { entity: "saga_step" } })).toBe(13);
    expect((await m.q(`SELECT 1 FROM restructuring_mark`)).length).toBe(0);
  });

  it("verify checks conservation against membership's counts: 63 → 34, 10,035 → 3,321, no district committee", async () => {
    const v = await r.client(CENTRAL).restructuring.runs.verify.query({ planId });
    expect(v).toMatchObject({
      ok: true,
      provinces: { before: 63, after: 34 },
      communes: { before: 10_035, after: 3_321 },
      members: m.seeded.members,
      membersOnClosed: 0,
      membersOnNonCell: 0,
      districtCommittees: 0,
      perProvince: [
        { provinceCode: "08", orgCode: "08-2025", before: membersOf["08"], after: membersOf["08"], ok: true, services: [] },
        { provinceCode: "12", orgCode: "12", before: membersOf["12"], after: membersOf["12"], ok: true, services: [] },
      ],
      problems: [],
    });
    // No service's URL here: none of their records is counted, and verify names them (never a silent "ok").
    expect([v.services, v.notChecked]).toEqual([[], ["inspection", "personnel", "conference"]]);
    // 1.13: the structure derived at the start is what membership holds now, under each new province's committee.
    const view = await r.client(CENTRAL).restructuring.runs.get.query({ planId });
    for (const p of view.provinces) expect(nonZero(p.structure?.after), p.provinceCode).toEqual(await structureUnder([`${p.orgPath}%`]));
  });

  it("a finished run: resume has nothing to do, rollback is refused after the effective date", async () => {
    const before = await endState(m);
    expect((await failure(r.client(CENTRAL).restructuring.runs.resume.mutate({ planId }))).message).toMatch(/^planId: đề án đang ở trạng thái done/);
    const f = await failure(r.client(CENTRAL).restructuring.runs.rollback.mutate({ planId }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/^planId: đề án đã có hiệu lực từ 01\/07\/2025/);
    expect(await endState(m)).toEqual(before);
  });
});
