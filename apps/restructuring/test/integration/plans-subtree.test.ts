// A board below its province committee (a district's, a commune's, a cell's) reads the part of a plan that
// concerns its own organizations (plans.get / preview, runs.get) over real HTTP on a real database: happy,
// nothing outside its subtree (names, codes, counts), another district's board none of it, bad input naming
// the field. The tree: Hà Nội (01), Hà Giang (02) and Tuyên Quang (08) on the 2024 units. Huyện Mèo Vạc (027)
// of Hà Giang: its Xã Pải Lủng (00775) merges with four communes of Huyện Đồng Văn (026) into the new 00721.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyOrgChanges, compilePlan, deriveOrgChanges, officialPlan2025, provinceWork, type OrgNode } from "../../src/domain/index.js";
import { tree2024 } from "../unit/fixtures.js";
import { as, CENTRAL, failure, startHarness, type Harness } from "./harness.js";

// mutable: the "moved" test applies the run's changes to it in place (the harness serves this very array)
const tree: OrgNode[] = tree2024((p) => p === "01" || p === "02" || p === "08");
const original = tree.map((o) => ({ ...o }));
let h: Harness;
let planId: string;
const MISSING = "0193a1b2-0000-7000-8000-000000000000";

beforeAll(async () => {
  h = await startHarness(tree);
  planId = (await h.client(CENTRAL).restructuring.plans.loadOfficial.mutate({})).id;
}, 120_000);
afterAll(() => h?.close());

const api = (path: string) => h.client(as("provincial_board", path)).restructuring;
const byCode = new Map(original.map((o) => [o.code, o]));
const pathOf = (code: string): string => {
  const o = byCode.get(code)!;
  return `${o.parentCode === null ? "/" : pathOf(o.parentCode)}${o.code}/`;
};
/** the organizations under a path in the original tree */
const under = (path: string) => original.filter((o) => pathOf(o.code).startsWith(path));
const membersUnder = (path: string) => under(path).reduce((n, o) => n + o.members, 0);
/** every string in an answer (codes, names, paths, messages) */
const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : v !== null && typeof v === "object" ? Object.values(v).flatMap(strings) : []);
const newUnitCodes = new Set(compilePlan(officialPlan2025()).newUnits.keys());
/**
 * Nothing of `others` in an answer: none of their names (as a substring: a message could quote one) and none
 * of their codes (a new unit's code is the plan's, shown as a destination, even when an old organization
 * happens to hold the same code).
 */
function expectNothingOf(answer: unknown, others: readonly OrgNode[], label: string) {
  const seen = strings(answer);
  const exact = new Set(seen);
  const leakedCodes = others.filter((o) => !newUnitCodes.has(o.code) && exact.has(o.code)).map((o) => o.code);
  expect(leakedCodes, `${label}: codes`).toEqual([]);
  // names shared by every commune ("Chi bộ thôn 1") identify nothing; the others' own names must not appear
  const distinct = others.filter((o) => !o.name.startsWith("Chi bộ thôn")).map((o) => o.name);
  const leakedNames = distinct.filter((name) => seen.some((s) => s.includes(name)));
  expect(leakedNames, `${label}: names`).toEqual([]);
}

const DISTRICT = "/02/027/";
const COMMUNE = "/02/027/00775/";
const CELL = "/02/027/00775/00775-01/";
const OTHER_DISTRICT = "/02/026/";

describe("a board below its province committee reads its subtree's part of the plan", () => {
  it("plans.get: the district's own communes and its province, sources narrowed to its own", async () => {
    const communes = under(DISTRICT).filter((o) => o.parentCode === "027" && o.adminUnitCode !== null);
    const view = await api(DISTRICT).plans.get.query({ planId });
    expect(view).toMatchObject({ id: planId, part: "08", subtree: [DISTRICT], provinces: { before: 1, after: 1 }, changes: { abolishLevel: 1 } });
    expect(view.communes.before).toBe(communes.length);
    expect(view.communes.after).toBeLessThan(communes.length);
    expect((await api(COMMUNE).plans.get.query({ planId }))).toMatchObject({ part: "08", subtree: [COMMUNE], provinces: { before: 1, after: 1 }, communes: { before: 1, after: 1 }, changes: { merge: 2, rename: 0, split: 0, abolishLevel: 1 } });
    // a cell's commune is its own: the same counts as its commune's board
    expect((await api(CELL).plans.get.query({ planId }))).toMatchObject({ subtree: [CELL], provinces: { before: 1, after: 1 }, communes: { before: 1, after: 1 } });
    // the central and the provincial boards: as before, no subtree
    expect((await h.client(CENTRAL).restructuring.plans.get.query({ planId })).subtree).toBeNull();
    expect((await api("/02/").plans.get.query({ planId }))).toMatchObject({ part: "08", subtree: null, provinces: { before: 2 } });
  });

  it("plans.preview of a district: its destinations only, every figure its own subtree's", async () => {
    const answer = await api(DISTRICT).plans.preview.query({ planId });
    expect(answer.subtree).toEqual([DISTRICT]);
    const own = membersUnder(DISTRICT);
    expect(answer.conservation.membersBefore).toBe(own);
    expect(answer.conservation.ok).toBe(true);
    // everything it has ends under the new province's committee: the province's row is its members exactly
    const province = answer.units.find((u) => u.unitCode === "08")!;
    expect([province.members, province.membersBefore]).toEqual([own, own]);
    // the new commune 00721 formed with four communes of Đồng Văn: only Pải Lủng's two cells, its committee closed into it
    const pl = under(COMMUNE);
    const merged = answer.units.find((u) => u.unitCode === "00721")!;
    expect(merged).toMatchObject({ members: membersUnder(COMMUNE), membersBefore: membersUnder(COMMUNE), organizations: 1 + pl.length - 1, created: 1, closed: 1 });
    const whole = (await h.client(CENTRAL).restructuring.plans.preview.query({ planId, provinceCode: "08" })).units.find((u) => u.unitCode === "00721")!;
    expect(whole.members).toBeGreaterThan(merged.members);
    expect(merged.orgCode).toBe(whole.orgCode);
    // the two districts' previews add up to the central board's figures of the unit they share: each sees its own share, nothing twice
    const dongVan = (await api(OTHER_DISTRICT).plans.preview.query({ planId })).units.find((u) => u.unitCode === "00721")!;
    expect(dongVan.members + merged.members).toBe(whole.members);
    expect(dongVan.closed + merged.closed).toBe(whole.closed);
    // every conflict it is shown is about its own organizations only
    const mine = new Set(under(DISTRICT).map((o) => o.code));
    const codes = answer.units.flatMap((u) => u.conflicts.flatMap((c) => c.orgCodes));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => !mine.has(c))).toEqual([]);
    // nothing of any other organization of the province: not Đồng Văn's, not Tuyên Quang's, not the province's own cell
    const destinations = new Set(["02", "08-2025", whole.orgCode, ...answer.units.map((u) => u.orgCode)]);
    expectNothingOf(answer, original.filter((o) => !mine.has(o.code) && !destinations.has(o.code)), "district");
    // provinceCode: its own is the same answer; another province is what a missing plan gets
    expect((await api(DISTRICT).plans.preview.query({ planId, provinceCode: "08" })).units).toEqual(answer.units);
    const missing = await failure(h.client(CENTRAL).restructuring.plans.get.query({ planId: MISSING }));
    expect(await failure(api(DISTRICT).plans.preview.query({ planId, provinceCode: "01" }))).toEqual(missing);
  });

  it("plans.preview of a commune and of a cell: their destination, their own members", async () => {
    const commune = await api(COMMUNE).plans.preview.query({ planId });
    expect(commune.units.map((u) => u.unitCode)).toEqual(["08", "00721"]);
    expect(commune.units.map((u) => u.members)).toEqual([membersUnder(COMMUNE), membersUnder(COMMUNE)]);
    expect(commune.units[1]).toMatchObject({ organizations: 3, closed: 1, created: 1 });
    // its two cells "Chi bộ thôn 1/2" and Đồng Văn's of the same names: not its conflict to see (the others' codes would be)
    expect(commune.units.flatMap((u) => u.conflicts)).toEqual([]);
    expect(commune.changes).toEqual({ create: 2, close: 1, update: 0, reparent: 2 });
    const mine = new Set(under(COMMUNE).map((o) => o.code));
    const destinations = new Set(["02", "08-2025", "00721-2025", "027"]);
    expectNothingOf(commune, original.filter((o) => !mine.has(o.code) && !destinations.has(o.code)), "commune");

    const cell = await api(CELL).plans.preview.query({ planId });
    expect(cell.units.map((u) => [u.unitCode, u.organizations, u.members])).toEqual([
      ["08", 3, membersUnder(CELL)],
      ["00721", 2, membersUnder(CELL)],
    ]);
    expect(cell.changes).toEqual({ create: 2, close: 0, update: 0, reparent: 1 });
    expect(cell.conservation.membersBefore).toBe(membersUnder(CELL));
    expectNothingOf(cell, original.filter((o) => o.code !== "00775-01" && !destinations.has(o.code)), "cell");
  });

  it("another district's board, a path naming nothing, other roles: none of it", async () => {
    const mine = under(DISTRICT);
    for (const path of [OTHER_DISTRICT, "/02/024/00688/"]) {
      const c = api(path);
      expectNothingOf(await c.plans.preview.query({ planId }), mine, path);
      expectNothingOf(await c.plans.get.query({ planId }), mine, path);
    }
    const missing = await failure(h.client(CENTRAL).restructuring.plans.get.query({ planId: MISSING }));
    // a path the tree does not hold, a district of a province outside the tree, a district of a province the plan keeps out of reach
    for (const path of ["/02/999/", "/04/042/", "/99/001/", "/02/027/00775/nope/"]) {
      const c = api(path);
      expect(await failure(c.plans.get.query({ planId })), path).toEqual(missing);
      expect(await failure(c.plans.preview.query({ planId })), path).toEqual(missing);
      expect(await failure(c.runs.get.query({ planId })), path).toEqual(missing);
    }
    for (const claims of [as("viewer", DISTRICT), as("inspection_committee", DISTRICT)]) {
      expect((await failure(h.client(claims).restructuring.plans.preview.query({ planId }))).code, claims.sub).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).restructuring.plans.preview.query({ planId }))).code).toBe("UNAUTHORIZED");
  });

  it("bad input → 400 naming the field, Vietnamese first", async () => {
    const f = await failure(api(DISTRICT).plans.preview.query({ planId: "nope", provinceCode: "8" }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fieldErrors.map((e) => e.path).sort()).toEqual(["planId", "provinceCode"]);
    expect(f.fieldErrors.find((e) => e.path === "planId")!.message).toMatch(/^phải là mã đề án \(UUID\) \/ must be a plan id/);
    expect((await failure(api(DISTRICT).runs.get.query({ planId: 5 as unknown as string }))).fieldErrors.map((e) => e.path)).toEqual(["planId"]);
  });
});

describe("runs.get below the province committee", () => {
  const plan = officialPlan2025();
  const compiled = compilePlan(plan);
  // what runs.start stores for the new Tuyên Quang (it needs membership's steps to start; the rows are the point here)
  const derivation = deriveOrgChanges(compiled, original);
  const work = provinceWork(compiled, original, derivation, ["08"])[0]!;

  beforeAll(async () => {
    await h.db.prisma.runProvince.create({ data: { planId, provinceCode: "08", position: 0, name: work.name, orgCode: work.orgCode, orgPath: work.orgPath, sourceOrgCodes: work.sourceOrgCodes, crossingOrgCodes: work.crossingOrgCodes, membersBefore: work.membersBefore, structure: work.structure } });
    await h.db.prisma.orgChange.createMany({ data: work.changes.map((ch, position) => ({ planId, provinceCode: "08", orgPath: work.orgPath, position, kind: ch.kind, orgCode: ch.code, payload: ch })) });
    // a failed step whose message names another commune's committee (as membership's refusals do)
    await h.db.prisma.sagaStep.create({ data: { planId, provinceCode: "08", orgPath: work.orgPath, step: "membership.closeOrgs", status: "failed", attempt: 1, idempotencyKey: `${planId}:08:membership.closeOrgs`, error: "không đóng được Đảng bộ Thị trấn Đồng Văn (00721): còn tổ chức mở / cannot close 00721", result: { records: { closed: 40 } } } });
    await h.db.prisma.runProvince.update({ where: { planId_provinceCode: { planId, provinceCode: "08" } }, data: { status: "failed", error: "membership.closeOrgs: không đóng được Đảng bộ Thị trấn Đồng Văn (00721)" } });
  });

  it("its province's row: the changes touching its organizations (as its preview counts them), the province's figures withheld", async () => {
    const preview = await api(DISTRICT).plans.preview.query({ planId });
    const view = await api(DISTRICT).runs.get.query({ planId });
    expect(view.subtree).toEqual([DISTRICT]);
    expect(view.provinces).toHaveLength(1);
    const row = view.provinces[0]!;
    expect(row).toMatchObject({ provinceCode: "08", orgCode: work.orgCode, orgPath: work.orgPath, sourceOrgPaths: ["/02/"], status: "failed", membersBefore: 0, membersAfter: null, structure: null });
    expect(row.changes).toEqual(preview.changes);
    expect(row.steps).toEqual([{ step: "membership.closeOrgs", status: "failed", attempt: 1, records: null, error: "bước này thất bại; chi tiết do ban tổ chức cấp tỉnh xem / the step failed; its details are for the provincial board" }]);
    expect(row.error).toBe(row.steps[0]!.error);
    const mine = new Set(under(DISTRICT).map((o) => o.code));
    expectNothingOf(view, original.filter((o) => !mine.has(o.code) && o.code !== "02" && o.code !== work.orgCode), "runs.get");
    // the provincial board sees the whole row, message included
    const full = (await api("/02/").runs.get.query({ planId })).provinces[0]!;
    expect(full).toMatchObject({ membersBefore: work.membersBefore, sourceOrgPaths: ["/02/", "/08/"], structure: work.structure });
    expect(full.error).toContain("Đồng Văn");
    expect(full.changes.reparent).toBeGreaterThan(row.changes.reparent);
    // the commune's board: its own three changes and the two committees created for it
    expect((await api(COMMUNE).runs.get.query({ planId })).provinces[0]!.changes).toEqual({ create: 2, close: 1, update: 0, reparent: 2 });
  });

  it("after the moves, the organizations it had are still its own (the stored reparents), no more", async () => {
    const before = (await api(DISTRICT).runs.get.query({ planId })).provinces[0]!.changes;
    const other = (await api(OTHER_DISTRICT).runs.get.query({ planId })).provinces[0]!.changes;
    // membership's tree after the province ran: cells under the new communes, the district committee closed
    const moved = applyOrgChanges(original, work.changes);
    tree.splice(0, tree.length, ...moved);
    try {
      // the read tree is kept a few seconds: wait (generously) until it is loaded again
      const loads = h.treeLoads();
      const deadline = Date.now() + 60_000;
      let after = await api(DISTRICT).runs.get.query({ planId });
      while (h.treeLoads() === loads && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        after = await api(DISTRICT).runs.get.query({ planId });
      }
      expect(h.treeLoads()).toBeGreaterThan(loads);
      expect(after.provinces[0]!.changes).toEqual(before);
      expect((await api(OTHER_DISTRICT).runs.get.query({ planId })).provinces[0]!.changes).toEqual(other);
      const mine = new Set(under(DISTRICT).map((o) => o.code));
      expectNothingOf(after, original.filter((o) => !mine.has(o.code) && o.code !== "02" && o.code !== work.orgCode), "runs.get after the moves");
      // after identity's move the merged commune's board carries the new committee's path: the new commune is
      // its own then, all five communes merged into it counted, its province's other communes not
      const merged = await api(`/${work.orgCode}/00721-2025/`).plans.get.query({ planId });
      expect(merged).toMatchObject({ part: "08", subtree: [`/${work.orgCode}/00721-2025/`], provinces: { before: 1, after: 1 }, communes: { before: 5, after: 1 } });
    } finally {
      tree.splice(0, tree.length, ...original);
    }
  }, 90_000);
});
