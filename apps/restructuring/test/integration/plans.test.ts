// plans.loadOfficial / get / preview over real HTTP on a real database: role × scope, bad input, and the
// preview equal to the domain's own derivation on the same tree (Hà Giang + Tuyên Quang, 2024 units).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkConservation, compilePlan, deriveOrgChanges, officialPlan2025, previewByUnit } from "../../src/domain/index.js";
import { tree2024 } from "../unit/fixtures.js";
import { as, CENTRAL, failure, startHarness, type Harness } from "./harness.js";

const tree = tree2024((p) => p === "02" || p === "08");
let h: Harness;
let planId: string;

beforeAll(async () => {
  h = await startHarness(tree);
  planId = (await h.client(CENTRAL).restructuring.plans.loadOfficial.mutate({})).id;
});
afterAll(() => h?.close());

describe("plans.loadOfficial", () => {
  it("stores the official 2025 plan: 63 → 34 provinces, 10,035 → 3,321 communes, the district level abolished", async () => {
    const view = await h.client(CENTRAL).restructuring.plans.get.query({ planId });
    expect(view).toMatchObject({
      status: "draft",
      effectiveOn: "2025-07-01",
      origin: "official-2025",
      provinces: { before: 63, after: 34 },
      communes: { before: 10_035, after: 3_321 },
      changes: { split: 441, abolishLevel: 1 },
    });
    expect(view.changes.merge + view.changes.rename).toBe(34 + 3_321);
  });

  it("writes the audit record and the outbox event in the same transaction", async () => {
    const audit = await h.db.prisma.auditRecord.findMany({ where: { entityId: planId } });
    expect(audit.map((a) => [a.actor, a.action, a.orgPath])).toEqual([["central-1", "restructuring.plans.manage", "/"]]);
    const events = await h.db.prisma.outboxEvent.findMany({ where: { aggregateId: planId } });
    expect(events.map((e) => e.type)).toEqual(["restructuring.plan.loaded"]);
  });

  // (a central board always acts at `/`: packages/auth gives it the root whatever its token says)
  it("is the central board's: a provincial board or a viewer is refused; no token is 401", async () => {
    for (const claims of [as("provincial_board", "/08/"), as("viewer", "/"), as("provincial_board", "/")]) {
      expect((await failure(h.client(claims).restructuring.plans.loadOfficial.mutate({}))).code, claims.sub).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).restructuring.plans.loadOfficial.mutate({}))).code).toBe("UNAUTHORIZED");
    expect(await h.db.prisma.plan.count()).toBe(1);
  });

  it("refuses unknown input fields, naming them", async () => {
    const f = await failure(h.client(CENTRAL).restructuring.plans.loadOfficial.mutate({ title: "x" } as never));
    expect(f.code).toBe("BAD_REQUEST");
  });
});

describe("plans.get and plans.preview: scope and bad input", () => {
  it("answers a plan outside the caller's scope exactly like a plan that does not exist", async () => {
    // (a provincial board reads its own new province's part: plans-edit.test.ts; Hà Nội's is not in this tree)
    const outside = await failure(h.client(as("provincial_board", "/01/")).restructuring.plans.get.query({ planId }));
    const missing = await failure(h.client(CENTRAL).restructuring.plans.get.query({ planId: "0193a1b2-0000-7000-8000-000000000000" }));
    expect(outside).toEqual(missing);
    expect(outside.code).toBe("NOT_FOUND");
    expect(outside.message).toBe("không tìm thấy đề án / plan not found");
    const previewOutside = await failure(h.client(as("provincial_board", "/01/")).restructuring.plans.preview.query({ planId }));
    expect(previewOutside).toEqual(missing);
  });

  it("a role without the action is refused before anything is read", async () => {
    expect((await failure(h.client(as("inspection_committee", "/")).restructuring.plans.get.query({ planId }))).code).toBe("FORBIDDEN");
  });

  it("bad input → 400 naming the field, Vietnamese first", async () => {
    const f = await failure(h.client(CENTRAL).restructuring.plans.preview.query({ planId: "nope", provinceCode: "8" }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fieldErrors.map((e) => e.path).sort()).toEqual(["planId", "provinceCode"]);
    expect(f.fieldErrors.find((e) => e.path === "provinceCode")!.message).toMatch(/^phải là mã tỉnh gồm 2 chữ số \/ must be a 2-digit province code$/);
  });
});

describe("plans.preview", () => {
  it("is the domain's dry run on the tree: per new unit of Tuyên Quang, members after = the sum of its parts", async () => {
    const answer = await h.client(CENTRAL).restructuring.plans.preview.query({ planId, provinceCode: "08" });
    const compiled = compilePlan(officialPlan2025());
    const d = deriveOrgChanges(compiled, tree);
    const previews = previewByUnit(compiled, tree, d);
    expect(answer.units.map((u) => [u.unitCode, u.orgCode, u.members, u.membersBefore])).toEqual(previews.map((p) => [p.unitCode, p.orgCode, p.members, p.membersBefore]));
    const total = tree.reduce((n, o) => n + o.members, 0);
    // Split communes without an assignment leave their cells under a closed committee: the province shows
    // exactly those members missing, and each of them is a no_successor conflict.
    const lost = d.conflicts.reduce((n, c) => n + (c.kind === "no_successor" ? c.members : 0), 0);
    expect(lost).toBeGreaterThan(0);
    expect(answer.units.find((u) => u.unitCode === "08")).toMatchObject({ members: total - lost, membersBefore: total, created: 1 });
    expect(answer.changes.create).toBe(d.changes.filter((c) => c.kind === "create").length);
    // Split communes without an assignment: their cells have no successor yet, so conservation fails, and says why.
    const report = checkConservation(compiled, tree, d.after, previews);
    expect(answer.conservation).toEqual({ ...report, unitMismatches: report.unitMismatches.length });
    expect(answer.conflicts.no_successor).toBe(d.conflicts.filter((c) => c.kind === "no_successor").length);
    expect(answer.conflicts.duplicate_name).toBeGreaterThan(0);
    expect(answer.surplusPosts.secretary).toBeGreaterThan(0);
  });

  it("nothing is written by a preview", async () => {
    const before = await h.db.prisma.auditRecord.count();
    await h.client(CENTRAL).restructuring.plans.preview.query({ planId });
    expect(await h.db.prisma.auditRecord.count()).toBe(before);
    expect(await h.db.prisma.orgChange.count()).toBe(0);
  });
});
