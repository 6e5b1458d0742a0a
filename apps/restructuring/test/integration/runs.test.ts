// runs.start / resume / get / verify / rollback over real HTTP: restructuring and membership on real
// databases, membership seeded with the real 2024 units of Hà Giang (02) and Tuyên Quang (08), the official
// 2025 plan (the two provinces merge into Tuyên Quang; districts abolished; communes merged). Happy path end
// to end (every step done, every member placed, conservation against membership's own counts), role × scope,
// bad input naming the field, and the rollback refused after the effective date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePlan, deriveOrgChanges, officialPlan2025, provinceWork } from "../../src/domain/index.js";
import { failure } from "./harness.js";
import { CENTRAL, endState, startInProcess, startMembership, type MembershipSide, type RestructuringSide } from "./saga-system.js";

let m: MembershipSide;
let r: RestructuringSide;
let planId: string;
const as = (role: "provincial_board" | "viewer" | "central_board", orgPath: string) => ({ sub: `${role}-${orgPath}`, roles: [role], orgPaths: [orgPath] });

beforeAll(async () => {
  m = await startMembership(["02", "08"]);
  r = await startInProcess(m);
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
  });

  it("resume before start: CONFLICT naming the plan", async () => {
    const f = await failure(r.client(CENTRAL).restructuring.runs.resume.mutate({ planId }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/^planId: đề án đang ở trạng thái draft/);
  });
});

describe("a run of Tuyên Quang (Hà Giang + Tuyên Quang)", () => {
  it("start stores the derived changes per province, audited, with restructuring.run.started", async () => {
    const view = await r.client(CENTRAL).restructuring.runs.start.mutate({ planId });
    expect(view.status).toBe("running");
    expect(view.provinces.map((p) => [p.provinceCode, p.orgCode, p.orgPath, p.status])).toEqual([["08", "08-2025", "/08-2025/", "pending"]]);
    expect(view.provinces[0]!.membersBefore).toBe(m.seeded.members);
    // The same changes the domain derives on membership's tree.
    const tree = await m.link.tree.load();
    const compiled = compilePlan(officialPlan2025());
    const [work] = provinceWork(compiled, tree, deriveOrgChanges(compiled, tree));
    const stored = await r.db.prisma.orgChange.findMany({ where: { planId }, orderBy: { position: "asc" } });
    expect(stored.map((s) => s.payload)).toEqual(work!.changes);
    // The province and its 124 communes (NQ 1681/NQ-UBTVQH15): created, or continuing (same code, whole).
    expect(view.provinces[0]!.changes.create + view.provinces[0]!.changes.update).toBe(1 + 124);
    expect((await r.db.prisma.outboxEvent.findMany({ where: { aggregateId: planId } })).map((e) => e.type)).toEqual(["restructuring.plan.loaded", "restructuring.run.started"]);
    // Started once.
    expect((await failure(r.client(CENTRAL).restructuring.runs.start.mutate({ planId }))).code).toBe("CONFLICT");
  });

  it("resume runs every step in order; every member stays, each in an open cell of the new province", async () => {
    const started = Date.now();
    const view = await r.client(CENTRAL).restructuring.runs.resume.mutate({ planId });
    const ms = Date.now() - started;
    console.log(`one province merge (02 + 08 → 08, ${m.seeded.organizations} organizations, ${m.seeded.members} members): ${ms} ms`);
    expect(view.status).toBe("done");
    const p = view.provinces[0]!;
    expect(p.error).toBeNull();
    expect(p.steps.map((s) => [s.step, s.status, s.attempt])).toEqual(
      ["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs", "verify", "membership.unmark"].map((s) => [s, "done", 1]),
    );
    expect(p.membersAfter).toBe(m.seeded.members);
    // No other service's URL here: their steps are not in the run, and the view names them.
    expect(view.notWired).toEqual(["inspection.rekey", "personnel.rekey", "conference.rekey", "identity.unitMoves"]);
    const [placed] = await m.q<{ n: number; open_cells: number }>(
      `SELECT count(*)::int AS n, (count(*) FILTER (WHERE o.closed_on IS NULL AND o.kind IN ('grassroots_cell', 'subordinate_cell') AND m.org_path = o.path AND o.path LIKE '/08-2025/%'))::int AS open_cells
       FROM member m JOIN party_organization o ON o.id = m.org_id`,
    );
    expect(placed).toEqual({ n: m.seeded.members, open_cells: m.seeded.members });
    const [old] = await m.q<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization WHERE closed_on IS NULL AND (path LIKE '/02/%' OR path LIKE '/08/%')`);
    expect(old!.n).toBe(0);
    const events = await r.db.prisma.outboxEvent.findMany({ where: { type: "restructuring.step.done" } });
    expect(events).toHaveLength(6);
    const audit = await r.db.prisma.auditRecord.count({ where: { entity: "saga_step" } });
    expect(audit).toBe(6);
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
      perProvince: [{ provinceCode: "08", orgCode: "08-2025", before: m.seeded.members, after: m.seeded.members, ok: true, services: [] }],
      problems: [],
    });
    // No service's URL here: none of their records is counted, and verify names them (never a silent "ok").
    expect([v.services, v.notChecked]).toEqual([[], ["inspection", "personnel", "conference"]]);
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
