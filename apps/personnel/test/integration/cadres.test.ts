// pers-cadres (#13) over real HTTP on a real database with real membership and inspection: surplus cadres
// after mergers, the boards' counts (vote outcomes, political-standard conclusions per year), rotation and
// transfer, the yearly review of pools. Per route: happy, bad input naming the field, role × scope
// (outside the scope = the one NOT_FOUND), the audit record and the outbox event written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTRAL, failure, OFFICER_HN, OFFICER_P2, ROLES, TREE, as, startHarness, type Harness } from "./harness.js";

let h: Harness;
const ids = { hn1: "", hn2: "", older: "", p2: "", secretary: "", chair: "", deputy: "", seat: "" };
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;
const MISSING = "0190f3a2-7c1e-7000-8000-000000000099";
const BOARDS = [CENTRAL, as("provincial_board", TREE.p1)];
const NOT_OFFICERS = ROLES.filter((r) => r !== "personnel_officer");

const audits = (entity: string, entityId: string) => h.db.prisma.auditRecord.findMany({ where: { entity, entityId, kind: "change" }, orderBy: { id: "asc" } });
const outbox = (type: string, aggregateId: string) => h.db.prisma.outboxEvent.findMany({ where: { type, aggregateId }, orderBy: { id: "asc" } });

async function expectFieldError(p: Promise<unknown>, field: string) {
  const f = await failure(p);
  expect(f.code, field).toBe("BAD_REQUEST");
  expect(f.fieldErrors.map((e) => e.path), field).toEqual([field]);
  // Vietnamese first, then English
  const [vi, en] = f.fieldErrors[0]!.message.split(" / ");
  expect(vi, field).toMatch(VIETNAMESE);
  expect(en, field).toBeTruthy();
}

beforeAll(async () => {
  h = await startHarness();
  const api = h.client(OFFICER_HN).personnel;
  ids.hn1 = (await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: h.members.hn1, nationalId: "001080000001", fullName: "Nguyễn Văn An", birthDate: "1980-05-01", gender: "male" })).id;
  ids.hn2 = (await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: h.members.hn2, nationalId: "001180000002", fullName: "Trần Thị Bình", birthDate: "1980-05-01", gender: "female" })).id;
  // retires 2032-03-01: within ten years of it (early retirement), too old to rotate
  ids.older = (await api.cadres.create.mutate({ orgPath: TREE.g1, memberId: null, nationalId: "001070000007", fullName: "Đỗ Văn Giang", birthDate: "1970-03-01", gender: "male" })).id;
  ids.p2 = (await h.client(OFFICER_P2).personnel.cadres.create.mutate({ orgPath: TREE.p2, memberId: h.members.p2, nationalId: "002080000003", fullName: "Lò Văn Cường", birthDate: "1980-05-01", gender: "male" })).id;
  const post = (title: string, over: Record<string, unknown> = {}) => api.posts.create.mutate({ orgPath: TREE.p1, title, kind: "leadership", body: "party", termStartYear: 2025, termEndYear: 2030, ...over });
  ids.secretary = (await post("Phó Bí thư Thành ủy")).id;
  ids.chair = (await post("Phó Chủ tịch UBND Thành phố", { body: "state", membersOnly: false })).id;
  ids.deputy = (await post("Trưởng Ban Tổ chức Thành ủy", { termStartYear: 2030, termEndYear: 2035 })).id;
  ids.seat = (await post("Ủy viên Ban Thường vụ", { kind: "committee_seat", committee: "standing_committee", termStartYear: 2030, termEndYear: 2035 })).id;
  await api.posts.appoint.mutate({ postId: ids.secretary, cadreId: ids.hn1, startedOn: "2025-10-20" });
  await api.posts.appoint.mutate({ postId: ids.chair, cadreId: ids.hn2, startedOn: "2025-10-20" });
  await api.planning.addCandidate.mutate({ postId: ids.deputy, cadreId: ids.hn1, addedOn: "2026-01-15" });
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe("surplus cadres after mergers (NĐ 178/2024)", () => {
  it("records a case, applies a policy, closes it; the boards count resolved / total; every step audited with its event", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const opened = await api.surplus.record.mutate({ cadreId: ids.older, sourceOrgPath: TREE.g1, mergedOn: "2025-07-01", note: "Phường Ba Đình hợp nhất" });
    expect(opened).toMatchObject({ cadreId: ids.older, fullName: "Đỗ Văn Giang", sourceOrgPath: TREE.g1, mergedOn: "2025-07-01", status: "open", policy: null });
    const other = await api.surplus.record.mutate({ cadreId: ids.hn2, sourceOrgPath: TREE.k1, mergedOn: "2025-07-01" });
    expect((await failure(api.surplus.record.mutate({ cadreId: ids.older, sourceOrgPath: TREE.g1, mergedOn: "2025-07-01" }))).message).toMatch(/^cán bộ đã có trường hợp dôi dư .* \/ the cadre already/);
    expect(await h.client(CENTRAL).personnel.surplus.figures.query({ orgPath: "/" })).toEqual({ total: 2, resolved: 0, open: 2, policyApplied: 0, perPolicy: { early_retirement: 0, leave_with_allowance: 0, transfer: 0 } });

    // early retirement only within ten years of the retirement age: hn2 (born 1980) is refused
    const young = await failure(api.surplus.applyPolicy.mutate({ caseId: other.caseId, policy: "early_retirement", decidedOn: "2025-08-01" }));
    expect(young.code).toBe("CONFLICT");
    expect(young.message).toMatch(/^nghỉ hưu trước tuổi chỉ khi .* \/ early retirement/);
    expect((await failure(api.surplus.close.mutate({ caseId: other.caseId, closedOn: "2025-09-01" }))).message).toMatch(/chưa áp dụng chính sách/);
    await api.surplus.applyPolicy.mutate({ caseId: other.caseId, policy: "transfer", decidedOn: "2025-08-01", toOrgPath: TREE.c1 });

    const applied = await api.surplus.applyPolicy.mutate({ caseId: opened.caseId, policy: "early_retirement", decidedOn: "2025-08-01" });
    expect(applied).toMatchObject({ status: "policy_applied", policy: "early_retirement", policyOn: "2025-08-01", toOrgPath: null });
    const closed = await api.surplus.close.mutate({ caseId: opened.caseId, closedOn: "2025-09-01" });
    expect(closed).toMatchObject({ status: "closed", closedOn: "2025-09-01" });
    expect((await failure(api.surplus.applyPolicy.mutate({ caseId: opened.caseId, policy: "leave_with_allowance", decidedOn: "2025-10-01" }))).code).toBe("CONFLICT");

    const figures = { total: 2, resolved: 1, open: 0, policyApplied: 1, perPolicy: { early_retirement: 1, leave_with_allowance: 0, transfer: 1 } };
    for (const board of BOARDS) expect(await h.client(board).personnel.surplus.figures.query({ orgPath: TREE.p1 })).toEqual(figures);
    expect(await h.client(OFFICER_HN).personnel.surplus.figures.query({ orgPath: TREE.g1 })).toMatchObject({ total: 1, resolved: 1 });
    expect(await h.client(as("provincial_board", TREE.p2)).personnel.surplus.figures.query({ orgPath: TREE.p1 })).toMatchObject({ total: 0, resolved: 0 });

    const trail = await audits("SurplusCase", opened.caseId);
    expect(trail.map((a) => [a.actor, a.action, (a.after as { status: string }).status])).toEqual([
      [OFFICER_HN.sub, "personnel.cadres.manage", "open"],
      [OFFICER_HN.sub, "personnel.cadres.manage", "policy_applied"],
      [OFFICER_HN.sub, "personnel.cadres.manage", "closed"],
    ]);
    const events = await outbox("personnel.surplus.changed", opened.caseId);
    expect(events.map((e) => [e.orgPath, (e.payload as { status: string }).status])).toEqual([
      [TREE.g1, "open"],
      [TREE.g1, "policy_applied"],
      [TREE.g1, "closed"],
    ]);
    // the officer's list names the cadres: audited reads
    const list = await api.surplus.list.query({ orgPath: TREE.p1, status: "closed" });
    expect(list.items.map((i) => i.caseId)).toEqual([opened.caseId]);
    expect(await h.db.prisma.auditRecord.count({ where: { kind: "read", entity: "Cadre", entityId: ids.older, action: "personnel.cadres.read" } })).toBe(1);
  });

  it("refuses bad input naming the field", async () => {
    const api = h.client(OFFICER_HN).personnel;
    await expectFieldError(api.surplus.record.mutate({ cadreId: ids.older, sourceOrgPath: TREE.g1, mergedOn: "2025-02-30" }), "mergedOn");
    await expectFieldError(api.surplus.record.mutate({ cadreId: ids.older, sourceOrgPath: "01", mergedOn: "2025-07-01" }), "sourceOrgPath");
    await expectFieldError(api.surplus.record.mutate({ cadreId: "nope", sourceOrgPath: TREE.g1, mergedOn: "2025-07-01" }), "cadreId");
    await expectFieldError(api.surplus.record.mutate({ cadreId: ids.older, sourceOrgPath: TREE.g1, mergedOn: "2027-01-01" }), "mergedOn");
    await expectFieldError(api.surplus.applyPolicy.mutate({ caseId: MISSING, policy: "retire" as "transfer", decidedOn: "2025-08-01" }), "policy");
    await expectFieldError(api.surplus.close.mutate({ caseId: MISSING, closedOn: "01/09/2025" }), "closedOn");
    await expectFieldError(h.client(CENTRAL).personnel.surplus.figures.query({ orgPath: "/x" }), "orgPath");
    const noDestination = await failure(api.surplus.record.mutate({ cadreId: ids.hn1, sourceOrgPath: TREE.p1, mergedOn: "2025-07-01" }).then((c) => api.surplus.applyPolicy.mutate({ caseId: c.caseId, policy: "transfer", decidedOn: "2025-08-01" })));
    expect(noDestination.message).toMatch(/^bố trí công tác khác cần nơi đến .*\(toOrgPath\)|toOrgPath|bố trí công tác khác cần nơi đến/);
  });

  it("role × scope: officers manage within scope, boards read counts only, outside the scope is NOT_FOUND", async () => {
    const [c] = (await h.client(OFFICER_HN).personnel.surplus.list.query({ orgPath: TREE.g1 })).items;
    for (const role of NOT_OFFICERS) {
      const api = h.client(as(role, "/")).personnel;
      expect((await failure(api.surplus.record.mutate({ cadreId: ids.older, sourceOrgPath: TREE.g1, mergedOn: "2025-07-01" }))).code, role).toBe("FORBIDDEN");
      expect((await failure(api.surplus.close.mutate({ caseId: c!.caseId, closedOn: "2025-09-01" }))).code, role).toBe("FORBIDDEN");
      expect((await failure(api.surplus.list.query({}))).code, role).toBe("FORBIDDEN");
      if (role !== "central_board" && role !== "provincial_board") expect((await failure(api.surplus.figures.query({ orgPath: "/" }))).code, role).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).personnel.surplus.figures.query({ orgPath: "/" }))).code).toBe("UNAUTHORIZED");
    const p2 = h.client(OFFICER_P2).personnel;
    const foreign = await failure(p2.surplus.applyPolicy.mutate({ caseId: c!.caseId, policy: "leave_with_allowance", decidedOn: "2025-08-01" }));
    const missing = await failure(p2.surplus.applyPolicy.mutate({ caseId: MISSING, policy: "leave_with_allowance", decidedOn: "2025-08-01" }));
    expect(foreign).toEqual(missing);
    expect(foreign.code).toBe("NOT_FOUND");
    expect((await failure(p2.surplus.record.mutate({ cadreId: ids.older, sourceOrgPath: TREE.p2, mergedOn: "2025-07-01" }))).message).toMatch(/^không tìm thấy .*\(cadreId\)$/);
    expect((await failure(p2.surplus.record.mutate({ cadreId: ids.p2, sourceOrgPath: TREE.g1, mergedOn: "2025-07-01" }))).code).toBe("NOT_FOUND");
    expect((await p2.surplus.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
  });
});

describe("the boards' yearly counts", () => {
  it("counts confidence-vote outcomes per year against the year before", async () => {
    const holdings = (await h.client(OFFICER_HN).personnel.cadres.get.query({ cadreId: ids.hn1 })).holdings;
    const hn2Holding = (await h.client(OFFICER_HN).personnel.cadres.get.query({ cadreId: ids.hn2 })).holdings;
    const a = holdings[0]!.assignmentId;
    const b = hn2Holding[0]!.assignmentId;
    const api = h.client(OFFICER_HN).personnel;
    await api.votes.record.mutate({ orgPath: TREE.p1, heldOn: "2025-12-01", summoned: 30, present: 30, tallies: [{ assignmentId: a, high: 25, medium: 3, low: 2 }, { assignmentId: b, high: 20, medium: 8, low: 2 }] });
    await api.votes.record.mutate({ orgPath: TREE.p1, heldOn: "2026-11-01", summoned: 30, present: 30, tallies: [{ assignmentId: a, high: 25, medium: 3, low: 2 }, { assignmentId: b, high: 5, medium: 5, low: 20 }] });
    for (const board of BOARDS) {
      expect(await h.client(board).personnel.votes.outcomes.query({ orgPath: TREE.p1, year: 2026 })).toEqual({
        year: 2026,
        sessions: 1,
        holders: 2,
        kept: 1,
        resignationProposed: 0,
        dismissalProposed: 1,
        previous: { sessions: 1, holders: 2, kept: 2, resignationProposed: 0, dismissalProposed: 0 },
      });
    }
    expect(await h.client(as("provincial_board", TREE.p2)).personnel.votes.outcomes.query({ orgPath: TREE.p1, year: 2026 })).toMatchObject({ sessions: 0, holders: 0 });
    expect(await h.client(CENTRAL).personnel.votes.outcomes.query({ orgPath: TREE.p2, year: 2026 })).toMatchObject({ sessions: 0, holders: 0 });
    for (const role of NOT_OFFICERS.filter((r) => r !== "central_board" && r !== "provincial_board")) {
      expect((await failure(h.client(as(role, "/")).personnel.votes.outcomes.query({ orgPath: "/", year: 2026 }))).code, role).toBe("FORBIDDEN");
    }
    await expectFieldError(h.client(CENTRAL).personnel.votes.outcomes.query({ orgPath: "/", year: 20.5 }), "year");
    await expectFieldError(h.client(CENTRAL).personnel.votes.outcomes.query({ orgPath: "nope", year: 2026 }), "orgPath");
  });

  it("counts political-standard conclusions per purpose and year, with the change on the year before", async () => {
    const api = h.client(OFFICER_HN).personnel;
    await api.standard.conclude.mutate({ cadreId: ids.hn1, purpose: "planning", concludedOn: "2025-03-01" });
    await api.standard.conclude.mutate({ cadreId: ids.hn1, purpose: "planning", concludedOn: "2026-03-01" });
    await api.standard.conclude.mutate({ cadreId: ids.hn1, purpose: "appointment", concludedOn: "2026-04-01" });
    await api.standard.conclude.mutate({ cadreId: ids.older, purpose: "nomination", concludedOn: "2025-05-01" });
    const got = await h.client(CENTRAL).personnel.standard.yearlyCount.query({ orgPath: "/", year: 2026 });
    expect(got).toMatchObject({ year: 2026, count: 2, met: 2, previousCount: 2, changePercent: 0 });
    const per = Object.fromEntries(got.perPurpose.map((p) => [p.purpose, [p.count, p.previousCount, p.changePercent]]));
    expect(per).toEqual({ admission: [0, 0, null], planning: [1, 1, 0], appointment: [1, 0, null], nomination: [0, 1, -100] });
    expect(await h.client(as("provincial_board", TREE.p1)).personnel.standard.yearlyCount.query({ orgPath: TREE.g1, year: 2025 })).toMatchObject({ count: 1, previousCount: 0, changePercent: null });
    expect(await h.client(as("provincial_board", TREE.p2)).personnel.standard.yearlyCount.query({ orgPath: "/", year: 2026 })).toMatchObject({ count: 0 });
    expect((await failure(h.client(as("viewer", "/")).personnel.standard.yearlyCount.query({ orgPath: "/", year: 2026 }))).code).toBe("FORBIDDEN");
    await expectFieldError(h.client(CENTRAL).personnel.standard.yearlyCount.query({ orgPath: "/", year: 1800 }), "year");
  });
});

describe("rotation and transfer (QĐ 65)", () => {
  it("plans a rotation of a planned cadre from a post to another organization; the receiving one sees the incoming cadre; audited, one event per end", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const r = await api.rotation.plan.mutate({ cadreId: ids.hn1, kind: "rotation", fromOrgPath: TREE.p1, fromPostId: ids.secretary, toOrgPath: TREE.g1, startOn: "2026-01-05", plannedEndOn: "2029-01-05" });
    expect(r).toMatchObject({ cadreId: ids.hn1, fullName: "Nguyễn Văn An", kind: "rotation", fromPostId: ids.secretary, toPostId: null, status: "serving", completedOn: null });
    const receiving = h.client(as("personnel_officer", TREE.g1)).personnel;
    expect((await receiving.rotation.list.query({ direction: "incoming" })).items.map((i) => [i.rotationId, i.fullName])).toEqual([[r.rotationId, "Nguyễn Văn An"]]);
    expect((await receiving.rotation.list.query({ direction: "outgoing" })).items).toEqual([]);
    expect((await h.client(OFFICER_P2).personnel.rotation.list.query({})).items).toEqual([]);
    const [audit] = await audits("Rotation", r.rotationId);
    expect(audit).toMatchObject({ actor: OFFICER_HN.sub, action: "personnel.cadres.manage", orgPath: TREE.g1 });
    expect((await outbox("personnel.rotation.planned", r.rotationId)).map((e) => [e.orgPath, (e.payload as { side: string }).side])).toEqual([
      [TREE.p1, "from"],
      [TREE.g1, "to"],
    ]);
    // a second rotation overlapping it is refused
    expect((await failure(api.rotation.plan.mutate({ cadreId: ids.hn1, kind: "transfer", fromOrgPath: TREE.p1, toOrgPath: TREE.k1, startOn: "2026-06-01", plannedEndOn: "2026-12-01" }))).message).toMatch(/^cán bộ đang có một đợt luân chuyển/);
    // the receiving officer cannot complete it: the sending end lies outside that scope
    expect((await failure(receiving.rotation.complete.mutate({ rotationId: r.rotationId, completedOn: "2026-11-01", completion: "returned" }))).code).toBe("NOT_FOUND");
  });

  it("holds the rotation's rules: 36 months, a planned cadre, ten years left; a transfer has none of them; completing it moves a cadre who stays", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const short = await failure(api.rotation.plan.mutate({ cadreId: ids.hn2, kind: "rotation", fromOrgPath: TREE.p1, toOrgPath: TREE.k1, startOn: "2026-12-01", plannedEndOn: "2029-11-30", nonLocalKeyPost: true }));
    expect(short).toMatchObject({ code: "CONFLICT" });
    expect(short.message).toMatch(/^thời gian luân chuyển ít nhất 3 năm \/ a rotation lasts at least 3 years/);
    expect((await failure(api.rotation.plan.mutate({ cadreId: ids.hn2, kind: "rotation", fromOrgPath: TREE.p1, toOrgPath: TREE.k1, startOn: "2026-12-01", plannedEndOn: "2029-12-01" }))).message).toMatch(/phải trong quy hoạch/);
    expect((await failure(api.rotation.plan.mutate({ cadreId: ids.older, kind: "rotation", fromOrgPath: TREE.g1, toOrgPath: TREE.k1, startOn: "2027-06-01", plannedEndOn: "2030-06-01", nonLocalKeyPost: true }))).message).toMatch(/ít nhất 5 năm công tác/);
    expect((await failure(api.rotation.plan.mutate({ cadreId: ids.hn2, kind: "transfer", fromOrgPath: TREE.p1, fromPostId: ids.secretary, toOrgPath: TREE.k1, startOn: "2026-02-01", plannedEndOn: "2026-08-01" }))).message).toMatch(/không giữ chức vụ này/);

    const t = await api.rotation.plan.mutate({ cadreId: ids.older, kind: "transfer", fromOrgPath: TREE.g1, toOrgPath: TREE.k1, startOn: "2026-02-01", plannedEndOn: "2026-08-01" });
    const done = await api.rotation.complete.mutate({ rotationId: t.rotationId, completedOn: "2026-08-01", completion: "stayed" });
    expect(done).toMatchObject({ status: "completed", completedOn: "2026-08-01", completion: "stayed" });
    // the receiving organization now manages the file
    expect((await h.client(as("personnel_officer", TREE.k1)).personnel.cadres.get.query({ cadreId: ids.older })).orgPath).toBe(TREE.k1);
    expect((await failure(api.rotation.complete.mutate({ rotationId: t.rotationId, completedOn: "2026-08-02", completion: "returned" }))).message).toMatch(/đã kết thúc/);
    const trail = await audits("Rotation", t.rotationId);
    expect(trail.map((a) => (a.after as { cadreOrgPath?: string }).cadreOrgPath ?? null)).toEqual([null, TREE.k1]);
    expect(await outbox("personnel.rotation.completed", t.rotationId)).toHaveLength(2);
    expect((await api.rotation.list.query({ orgPath: TREE.k1, status: "completed" })).items.map((i) => i.rotationId)).toEqual([t.rotationId]);
  });

  it("refuses bad input naming the field, and anything outside the scope as NOT_FOUND", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const base = { cadreId: ids.hn2, kind: "transfer" as const, fromOrgPath: TREE.p1, toOrgPath: TREE.k1, startOn: "2026-02-01", plannedEndOn: "2026-08-01" };
    await expectFieldError(api.rotation.plan.mutate({ ...base, kind: "swap" as "transfer" }), "kind");
    await expectFieldError(api.rotation.plan.mutate({ ...base, startOn: "2026-13-01" }), "startOn");
    await expectFieldError(api.rotation.plan.mutate({ ...base, toOrgPath: "K1" }), "toOrgPath");
    await expectFieldError(api.rotation.plan.mutate({ ...base, toPostId: "x" }), "toPostId");
    await expectFieldError(api.rotation.complete.mutate({ rotationId: MISSING, completedOn: "2026-08-01", completion: "gone" as "stayed" }), "completion");
    await expectFieldError(api.rotation.list.query({ direction: "sideways" as "all" }), "direction");
    expect((await failure(api.rotation.plan.mutate({ ...base, plannedEndOn: "2026-01-01" }))).fieldErrors.map((e) => e.path)).toEqual(["plannedEndOn"]);

    const p2 = h.client(OFFICER_P2).personnel;
    for (const [over, field] of [
      [{}, "fromOrgPath"],
      [{ fromOrgPath: TREE.p2, toOrgPath: TREE.p2 }, "cadreId"],
      [{ cadreId: ids.p2, fromOrgPath: TREE.p2 }, "toOrgPath"],
      [{ cadreId: ids.p2, fromOrgPath: TREE.p2, toOrgPath: TREE.k2, toPostId: ids.deputy }, "toPostId"],
    ] as const) {
      const f = await failure(p2.rotation.plan.mutate({ ...base, ...over }));
      expect([f.code, f.message.endsWith(`(${field})`)], field).toEqual(["NOT_FOUND", true]);
    }
    for (const role of NOT_OFFICERS) {
      expect((await failure(h.client(as(role, "/")).personnel.rotation.plan.mutate(base))).code, role).toBe("FORBIDDEN");
      expect((await failure(h.client(as(role, "/")).personnel.rotation.list.query({}))).code, role).toBe("FORBIDDEN");
    }
  });
});

describe("the yearly review of pools (QĐ 377)", () => {
  it("proposes removals for age and a negative conclusion, records who and when, and applies them audited", async () => {
    const api = h.client(OFFICER_HN).personnel;
    // Places kept from before (a pool added under older rules, a conclusion from the paper files): written
    // directly, as the API refuses them today.
    const oldCadre = await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: null, nationalId: "001072000008", fullName: "Bùi Văn Hải", birthDate: "1972-07-01", gender: "male" });
    const aged = await h.db.prisma.poolEntry.create({ data: { postId: ids.seat, cadreId: oldCadre.id, addedOn: new Date("2024-01-10T00:00:00Z") } });
    const unmet = await h.client(OFFICER_HN).personnel.cadres.create.mutate({ orgPath: TREE.p1, memberId: null, nationalId: "001090000010", fullName: "Mai Thị Lan", birthDate: "1990-01-01", gender: "female" });
    const unmetEntry = await h.db.prisma.poolEntry.create({ data: { postId: ids.seat, cadreId: unmet.id, addedOn: new Date("2024-01-10T00:00:00Z") } });
    await h.db.prisma.standardConclusion.create({ data: { cadreId: unmet.id, orgPath: TREE.p1, purpose: "planning", concludedOn: new Date("2026-06-01T00:00:00Z"), met: false, reasons: ["discipline_in_effect"], createdBy: "paper" } });

    const review = await api.planning.review.mutate({ orgPath: TREE.p1, termStartYear: 2030, year: 2026, reviewedOn: "2026-11-15" });
    expect(review).toMatchObject({ orgPath: TREE.p1, termStartYear: 2030, year: 2026, reviewedOn: "2026-11-15", reviewedBy: OFFICER_HN.sub, reviewed: 3, applied: null });
    expect(review.proposals.map((p) => [p.entryId, p.reason]).sort()).toEqual([[aged.id, "age"], [unmetEntry.id, "standard_not_met"]].sort());
    expect((await failure(api.planning.review.mutate({ orgPath: TREE.p1, termStartYear: 2030, year: 2026, reviewedOn: "2026-11-16" }))).code).toBe("CONFLICT");
    expect(await outbox("personnel.pool.reviewed", review.reviewId)).toHaveLength(1);

    // the committee keeps one proposal only
    const applied = await api.planning.applyReview.mutate({ reviewId: review.reviewId, entryIds: [aged.id], appliedOn: "2026-11-20" });
    expect(applied).toMatchObject({ applied: 1, appliedOn: "2026-11-20" });
    expect(await h.db.prisma.poolEntry.findUnique({ where: { id: aged.id } })).toMatchObject({ removalReason: "age" });
    expect(await h.db.prisma.poolEntry.findUnique({ where: { id: unmetEntry.id } })).toMatchObject({ removedOn: null });
    const trail = await audits("PoolReview", review.reviewId);
    expect(trail.map((a) => a.action)).toEqual(["personnel.cadres.manage", "personnel.cadres.manage"]);
    expect((trail[1]!.after as { removed: unknown[] }).removed).toEqual([{ entryId: aged.id, reason: "age" }]);
    expect((await outbox("personnel.pool.removed", aged.id)).map((e) => (e.payload as { reason: string }).reason)).toEqual(["age"]);
    expect((await failure(api.planning.applyReview.mutate({ reviewId: review.reviewId, appliedOn: "2026-11-20" }))).message).toMatch(/^kết quả rà soát đã được áp dụng/);
  });

  it("refuses bad input naming the field, other roles, and other scopes as NOT_FOUND", async () => {
    const api = h.client(OFFICER_HN).personnel;
    await expectFieldError(api.planning.review.mutate({ orgPath: TREE.g1, termStartYear: 2030, year: 2026, reviewedOn: "2025-11-15" }), "reviewedOn");
    await expectFieldError(api.planning.review.mutate({ orgPath: TREE.g1, termStartYear: "2030" as unknown as number, year: 2026, reviewedOn: "2026-11-15" }), "termStartYear");
    await expectFieldError(api.planning.applyReview.mutate({ reviewId: MISSING, entryIds: ["x"], appliedOn: "2026-11-20" }), "entryIds.0");
    const review = await api.planning.review.mutate({ orgPath: TREE.g1, termStartYear: 2030, year: 2026, reviewedOn: "2026-11-15" });
    expect(review).toMatchObject({ reviewed: 0, proposals: [] });
    await expectFieldError(api.planning.applyReview.mutate({ reviewId: review.reviewId, entryIds: [MISSING], appliedOn: "2026-11-20" }), "entryIds.0");
    await expectFieldError(api.planning.applyReview.mutate({ reviewId: review.reviewId, appliedOn: "2026-11-14" }), "appliedOn");
    const p2 = h.client(OFFICER_P2).personnel;
    expect((await failure(p2.planning.review.mutate({ orgPath: TREE.p1, termStartYear: 2030, year: 2026, reviewedOn: "2026-11-15" }))).code).toBe("NOT_FOUND");
    const foreign = await failure(p2.planning.applyReview.mutate({ reviewId: review.reviewId, appliedOn: "2026-11-20" }));
    expect(foreign).toEqual(await failure(p2.planning.applyReview.mutate({ reviewId: MISSING, appliedOn: "2026-11-20" })));
    expect(foreign.code).toBe("NOT_FOUND");
    for (const role of NOT_OFFICERS) expect((await failure(h.client(as(role, "/")).personnel.planning.review.mutate({ orgPath: TREE.p1, termStartYear: 2030, year: 2025, reviewedOn: "2025-11-15" }))).code, role).toBe("FORBIDDEN");
  });
});
