// plans.update (editing a plan before its run) and a provincial board's view of its own new province's part
// (plans.get / preview, runs.get) over real HTTP on a real database: happy, bad input naming the field,
// role × scope. The tree: Hà Nội (01), Hà Giang (02) and Tuyên Quang (08) on the 2024 units.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePlan, deriveOrgChanges, officialPlan2025, planPart } from "../../src/domain/index.js";
import { treePart } from "../../src/router/plans/scope.js";
import { tree2024 } from "../unit/fixtures.js";
import { as, CENTRAL, failure, startHarness, type Harness } from "./harness.js";

const tree = tree2024((p) => p === "01" || p === "02" || p === "08");
let h: Harness;
let planId: string;
const MISSING = "0193a1b2-0000-7000-8000-000000000000";

beforeAll(async () => {
  h = await startHarness(tree);
  planId = (await h.client(CENTRAL).restructuring.plans.loadOfficial.mutate({})).id;
}, 120_000);
afterAll(() => h?.close());

const central = () => h.client(CENTRAL).restructuring;
const preview = (provinceCode = "08") => central().plans.preview.query({ planId, provinceCode });

describe("plans.update: edits before the run", () => {
  it("renames resolve duplicate names: the preview's conflict disappears; audit before/after and the event in one transaction", async () => {
    const first = await preview();
    const dup = first.units.flatMap((u) => u.conflicts).find((c) => c.kind === "duplicate_name")!;
    expect(dup.orgCodes.length).toBeGreaterThan(1);
    const renames = dup.orgCodes.slice(1).map((orgCode) => ({ orgCode, name: `${dup.name} (${orgCode})` }));
    const view = await central().plans.update.mutate({ planId, renames });
    expect(view).toMatchObject({ id: planId, status: "draft", part: null });
    const second = await preview();
    expect(second.conflicts.duplicate_name).toBe(first.conflicts.duplicate_name - 1);
    expect(second.units.flatMap((u) => u.conflicts).some((c) => c.kind === "duplicate_name" && c.orgCodes.join() === dup.orgCodes.join())).toBe(false);
    expect(second.changes.update).toBe(first.changes.update + renames.length);
    const audit = await h.db.prisma.auditRecord.findMany({ where: { entityId: planId }, orderBy: { id: "asc" } });
    const last = audit.at(-1)!;
    expect([last.actor, last.action, last.orgPath]).toEqual(["central-1", "restructuring.plans.manage", "/"]);
    expect(last.before).toEqual({ renames: Object.fromEntries(renames.map((r) => [r.orgCode, null])) });
    expect(last.after).toEqual({ renames: Object.fromEntries(renames.map((r) => [r.orgCode, r.name])) });
    const events = await h.db.prisma.outboxEvent.findMany({ where: { aggregateId: planId, type: "restructuring.plan.updated" } });
    expect(events.map((e) => e.payload)).toEqual([{ planId, assignments: 0, renames: renames.length, units: 0 }]);
    // cleared again: the conflict is back, the audit says from what to what
    await central().plans.update.mutate({ planId, renames: renames.map((r) => ({ orgCode: r.orgCode, name: null })) });
    expect((await preview()).conflicts.duplicate_name).toBe(first.conflicts.duplicate_name);
    expect((await h.db.prisma.auditRecord.findMany({ where: { entityId: planId }, orderBy: { id: "desc" }, take: 1 }))[0]!.before).toEqual({ renames: Object.fromEntries(renames.map((r) => [r.orgCode, r.name])) });
  });

  it("assignments of a split commune's cells: set, its members get a successor; cleared, the conflict is back", async () => {
    const first = await preview();
    const lost = first.units.flatMap((u) => u.conflicts).find((c) => c.kind === "no_successor" && c.candidateUnits.length > 1)!;
    const [orgCode] = lost.orgCodes;
    await central().plans.update.mutate({ planId, assignments: [{ orgCode: orgCode!, unitCode: lost.candidateUnits[0]! }] });
    const second = await preview();
    expect(second.conflicts.no_successor).toBe(first.conflicts.no_successor - 1);
    expect(second.units.find((u) => u.unitCode === lost.candidateUnits[0])!.membersBefore).toBe(first.units.find((u) => u.unitCode === lost.candidateUnits[0])!.membersBefore + lost.members);
    expect(await h.db.prisma.splitAssignment.count({ where: { planId } })).toBe(1);
    await central().plans.update.mutate({ planId, assignments: [{ orgCode: orgCode!, unitCode: null }] });
    expect((await preview()).conflicts.no_successor).toBe(first.conflicts.no_successor);
    expect(await h.db.prisma.splitAssignment.count({ where: { planId } })).toBe(0);
  });

  it("a new unit's name and a merge's sources, checked by the plan's rules", async () => {
    const plan = officialPlan2025();
    const merge = plan.changes.find((c) => c.kind === "merge" && c.level === "commune" && c.target.parentCode === "08" && c.sources.length > 1)!;
    if (merge.kind !== "merge") throw new Error("no merge");
    await central().plans.update.mutate({ planId, units: [{ code: merge.target.code, name: "Xã Thử Nghiệm" }] });
    expect((await preview()).units.find((u) => u.unitCode === merge.target.code)!.name).toBe("Xã Thử Nghiệm");
    // a source that is not a 2024 unit: refused naming the plan's field, nothing written
    const auditBefore = await h.db.prisma.auditRecord.count();
    const bad = await failure(central().plans.update.mutate({ planId, units: [{ code: merge.target.code, sources: [{ code: "99999", coverage: "full" }] }] }));
    expect(bad.code).toBe("BAD_REQUEST");
    const position = plan.changes.indexOf(merge);
    expect(bad.message.startsWith(`changes[${position}].sources[0].code: "99999" không phải đơn vị hành chính của bộ 2024`), bad.message).toBe(true);
    expect(bad.message).toContain(` / changes[${position}].sources[0].code: "99999" is not a unit of the 2024 edition`);
    // the sources of another merge, whole twice
    const other = plan.changes.find((c) => c.kind === "merge" && c !== merge && c.level === "commune" && c.sources.every((s) => s.coverage === "full"))!;
    const twice = await failure(central().plans.update.mutate({ planId, units: [{ code: merge.target.code, sources: (other as typeof merge).sources }] }));
    expect(twice.code).toBe("BAD_REQUEST");
    expect(twice.message).toMatch(/^changes\[\d+\]\.sources\[0\]\.code: .* đã nhập trọn vào .* \/ changes/);
    expect(await h.db.prisma.auditRecord.count()).toBe(auditBefore);
    // a code that is no new unit of the plan; sources on a rename
    const notNew = await failure(central().plans.update.mutate({ planId, units: [{ code: "00001", name: "x" }] }));
    expect(notNew.message).toBe(`units.0.code: "00001" không phải đơn vị mới của đề án / units.0.code: "00001" is not a new unit of the plan`);
    const rename = plan.changes.find((c) => c.kind === "rename" && c.level === "commune")!;
    if (rename.kind !== "rename") throw new Error("no rename");
    const onRename = await failure(central().plans.update.mutate({ planId, units: [{ code: rename.target.code, sources: [{ code: rename.source, coverage: "full" }] }] }));
    expect(onRename.message).toMatch(/^units\.0\.sources: /);
    // an assignment to a unit that is not in the plan
    const assign = await failure(central().plans.update.mutate({ planId, assignments: [{ orgCode: "00688-01", unitCode: "99999" }] }));
    expect(assign.message).toBe(`assignments.00688-01: "99999" không phải đơn vị mới của đề án / assignments.00688-01: "99999" is not a new unit of the plan`);
  });

  it("a new commune moved to another new province (parentCode): the preview follows, the audit keeps both; a province or an unknown province refused", async () => {
    const plan = officialPlan2025();
    const commune = plan.changes.find((c) => c.kind === "merge" && c.level === "commune" && c.target.parentCode === "08")!;
    if (commune.kind !== "merge") throw new Error("no merge");
    expect((await preview("08")).units.some((u) => u.unitCode === commune.target.code)).toBe(true);
    await central().plans.update.mutate({ planId, units: [{ code: commune.target.code, parentCode: "01" }] });
    // Now Hà Nội's: its row leaves Tuyên Quang's preview and appears in Hà Nội's.
    expect((await preview("08")).units.some((u) => u.unitCode === commune.target.code)).toBe(false);
    expect((await preview("01")).units.some((u) => u.unitCode === commune.target.code)).toBe(true);
    const audit = await h.db.prisma.auditRecord.findFirst({ where: { entity: "plan", entityId: planId }, orderBy: { id: "desc" } });
    expect(audit!.before).toMatchObject({ units: { [commune.target.code]: { parentCode: "08" } } });
    expect(audit!.after).toMatchObject({ units: { [commune.target.code]: { parentCode: "01" } } });
    const auditCount = await h.db.prisma.auditRecord.count();
    // A province's parent, or a province that is not new in the plan: refused naming the field, nothing written.
    const province = plan.changes.find((c) => (c.kind === "merge" || c.kind === "rename") && c.level === "province")!;
    if (province.kind !== "merge" && province.kind !== "rename") throw new Error("no province");
    const onProvince = await failure(central().plans.update.mutate({ planId, units: [{ code: province.target.code, parentCode: "01" }] }));
    expect(onProvince.message).toBe(`units.0.parentCode: chỉ đổi được tỉnh của đơn vị cấp xã / units.0.parentCode: only a commune's province can be changed`);
    const unknown = await failure(central().plans.update.mutate({ planId, units: [{ code: commune.target.code, parentCode: "02" }] }));
    expect(unknown.message).toBe(`units.0.parentCode: "02" không phải tỉnh mới của đề án / units.0.parentCode: "02" is not a new province of the plan`);
    expect(await h.db.prisma.auditRecord.count()).toBe(auditCount);
    // Back where it was.
    await central().plans.update.mutate({ planId, units: [{ code: commune.target.code, parentCode: "08" }] });
    expect((await preview("08")).units.some((u) => u.unitCode === commune.target.code)).toBe(true);
  });

  it("bad input → 400 naming the field, Vietnamese first", async () => {
    const f = await failure(central().plans.update.mutate({ planId: "nope", renames: [{ orgCode: "", name: " " }], assignments: [{ orgCode: "x", unitCode: "8" }] }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fieldErrors.map((e) => e.path).sort()).toEqual(["assignments.0.unitCode", "planId", "renames.0.name", "renames.0.orgCode"]);
    expect(f.fieldErrors.find((e) => e.path === "renames.0.name")!.message).toBe("tên không được để trống / the name must not be empty");
    const empty = await failure(central().plans.update.mutate({ planId }));
    expect(empty.message).toBe("assignments: không có thay đổi nào / assignments: nothing to change");
    const twice = await failure(central().plans.update.mutate({ planId, renames: [{ orgCode: "a", name: "x" }, { orgCode: "a", name: "y" }] }));
    expect(twice.message).toBe("renames.1: a xuất hiện hai lần / renames.1: a appears twice");
  });

  it("is the central board's: provincial boards and viewers are refused, no token is 401, another plan is NOT_FOUND", async () => {
    const edit = { planId, renames: [{ orgCode: "02-CQ", name: "x" }] };
    for (const claims of [as("provincial_board", "/02/"), as("provincial_board", "/08/"), as("viewer", "/"), as("inspection_committee", "/")]) {
      expect((await failure(h.client(claims).restructuring.plans.update.mutate(edit))).code, claims.sub).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).restructuring.plans.update.mutate(edit))).code).toBe("UNAUTHORIZED");
    expect((await failure(central().plans.update.mutate({ ...edit, planId: MISSING }))).code).toBe("NOT_FOUND");
    expect(await h.db.prisma.planRename.count()).toBe(0);
  });

  it("refused once the plan is running or done (CONFLICT, bilingual), nothing written", async () => {
    const other = (await central().plans.loadOfficial.mutate({})).id;
    for (const status of ["running", "done"]) {
      await h.db.prisma.plan.update({ where: { id: other }, data: { status } });
      const f = await failure(central().plans.update.mutate({ planId: other, renames: [{ orgCode: "02-CQ", name: "x" }] }));
      expect(f.code).toBe("CONFLICT");
      expect(f.message).toBe(`planId: đề án đang ở trạng thái ${status}, không sửa được nữa / planId: the plan is ${status}; it can no longer be edited`);
    }
    expect(await h.db.prisma.planRename.count({ where: { planId: other } })).toBe(0);
    expect(await h.db.prisma.outboxEvent.count({ where: { aggregateId: other, type: "restructuring.plan.updated" } })).toBe(0);
  });
});

describe("a provincial board reads its own new province's part", () => {
  const plan = officialPlan2025();

  it("plans.get: Hà Giang's and Tuyên Quang's boards read Tuyên Quang's part (2 → 1 provinces, its communes); Hà Nội's reads Hà Nội's", async () => {
    for (const path of ["/02/", "/08/"]) {
      const view = await h.client(as("provincial_board", path)).restructuring.plans.get.query({ planId });
      const part = planPart(plan, "08");
      const communes = part.changes.filter((c) => (c.kind === "merge" || c.kind === "rename") && c.level === "commune").length;
      expect(view, path).toMatchObject({ id: planId, part: "08", provinces: { before: 2, after: 1 }, communes: { after: communes }, changes: { abolishLevel: 1 } });
      expect(view.communes.before).toBeLessThan(400);
    }
    const hn = await h.client(as("provincial_board", "/01/")).restructuring.plans.get.query({ planId });
    expect(hn).toMatchObject({ part: "01", provinces: { before: 1, after: 1 } });
  });

  it("plans.preview: the province's units only, every figure computed on its part of the tree", async () => {
    const answer = await h.client(as("provincial_board", "/02/")).restructuring.plans.preview.query({ planId });
    const whole = compilePlan(plan);
    expect(answer.units.every((u) => u.unitCode === "08" || whole.newUnits.get(u.unitCode)!.parentCode === "08")).toBe(true);
    const compiled = compilePlan(planPart(plan, "08"));
    const part = treePart(plan, tree, "08");
    expect(part.some((o) => o.code === "01")).toBe(false);
    const d = deriveOrgChanges(compiled, part);
    expect(answer.units.map((u) => u.unitCode)).toEqual([...compiled.newUnits.keys()].filter((code) => d.orgOfNewUnit.has(code)));
    const changes = { create: 0, close: 0, update: 0, reparent: 0 };
    for (const c of d.changes) changes[c.kind]++;
    expect(answer.changes).toEqual(changes);
    expect(answer.conservation.membersBefore).toBe(part.reduce((n, o) => n + o.members, 0));
    expect(answer.surplusPostsSource).toBe("default");
    // the central board's preview of Tuyên Quang names the same units
    expect((await preview("08")).units.map((u) => u.unitCode)).toEqual(answer.units.map((u) => u.unitCode));
    // another province asked for: as for a plan it cannot see
    const other = await failure(h.client(as("provincial_board", "/02/")).restructuring.plans.preview.query({ planId, provinceCode: "01" }));
    expect(other).toEqual(await failure(central().plans.get.query({ planId: MISSING })));
    expect((await h.client(as("provincial_board", "/02/")).restructuring.plans.preview.query({ planId, provinceCode: "08" })).units).toEqual(answer.units);
    // a burst of provincial previews shares one tree load (cachedTree), with the same answer
    const loads = h.treeLoads();
    const burst = await Promise.all(["/02/", "/08/", "/02/", "/08/"].map((path) => h.client(as("provincial_board", path)).restructuring.plans.preview.query({ planId })));
    expect(h.treeLoads() - loads).toBeLessThanOrEqual(1);
    for (const b of burst) expect(b.units).toEqual(answer.units);
  });

  it("runs.get: the province's own row only", async () => {
    await h.db.prisma.runProvince.createMany({
      data: [
        { planId, provinceCode: "01", position: 0, name: "Thành phố Hà Nội", orgCode: "01", orgPath: "/01/", sourceOrgCodes: ["01"], membersBefore: 10 },
        { planId, provinceCode: "08", position: 1, name: "Tỉnh Tuyên Quang", orgCode: "08-2025", orgPath: "/08-2025/", sourceOrgCodes: ["02", "08"], membersBefore: 20 },
      ],
    });
    try {
      expect((await central().runs.get.query({ planId })).provinces.map((p) => p.provinceCode)).toEqual(["01", "08"]);
      for (const path of ["/02/", "/08/"]) expect((await h.client(as("provincial_board", path)).restructuring.runs.get.query({ planId })).provinces.map((p) => p.provinceCode), path).toEqual(["08"]);
      expect((await h.client(as("provincial_board", "/01/")).restructuring.runs.get.query({ planId })).provinces.map((p) => p.provinceCode)).toEqual(["01"]);
      // A started run's boards are found in its stored rows, membership's tree not loaded: the old provinces'
      // boards and the new committee's (not in the tree at all) alike.
      const loads = h.treeLoads();
      for (const path of ["/02/", "/08/", "/08-2025/"]) {
        const c = h.client(as("provincial_board", path)).restructuring;
        expect((await c.runs.get.query({ planId })).provinces.map((p) => p.provinceCode), path).toEqual(["08"]);
        expect((await c.plans.get.query({ planId })).part, path).toBe("08");
      }
      expect(h.treeLoads()).toBe(loads);
      // scope unchanged: a board of a province the run does not name, or of none, is still refused as for a missing plan
      const missing = await failure(central().plans.get.query({ planId: MISSING }));
      for (const path of ["/04/", "/08-2025/01/"]) expect(await failure(h.client(as("provincial_board", path)).restructuring.runs.get.query({ planId })), path).toEqual(missing);
    } finally {
      await h.db.prisma.runProvince.deleteMany({ where: { planId } });
    }
  });

  it("officials of a province outside the tree, and other roles, get what a missing plan gets", async () => {
    const missing = await failure(central().plans.get.query({ planId: MISSING }));
    for (const path of ["/04/", "/99/"]) {
      const c = h.client(as("provincial_board", path)).restructuring;
      expect(await failure(c.plans.get.query({ planId })), path).toEqual(missing);
      expect(await failure(c.plans.preview.query({ planId })), path).toEqual(missing);
      expect(await failure(c.runs.get.query({ planId })), path).toEqual(missing);
    }
    for (const claims of [as("viewer", "/02/"), as("inspection_committee", "/02/")]) {
      expect((await failure(h.client(claims).restructuring.plans.get.query({ planId }))).code, claims.sub).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).restructuring.plans.get.query({ planId }))).code).toBe("UNAUTHORIZED");
  });
});
