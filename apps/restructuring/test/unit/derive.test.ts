import { getUnits, mapNewToOld, mapOldToNew } from "@orgboard/admin-units";
import { describe, expect, it } from "vitest";
import {
  applyOrgChanges,
  checkConservation,
  compilePlan,
  deriveOrgChanges,
  officialPlan2025,
  previewByUnit,
  surplusPosts,
  validatePlan,
  type Conflict,
  type Plan,
} from "../../src/domain/index.js";
import { assignSplitCells, tree2024 } from "./fixtures.js";

describe("official 2025 plan", () => {
  const plan = officialPlan2025();

  it("is valid and covers 63 → 34 provinces, 10,035 → 3,321 communes, with the district level abolished", () => {
    expect(validatePlan(plan)).toEqual([]);
    const compiled = compilePlan(plan);
    expect(compiled.province.size).toBe(63);
    expect(new Set(compiled.province.values()).size).toBe(34);
    const oldCommunes = [...compiled.commune.keys()].filter((c) => c.length === 5);
    expect(oldCommunes).toHaveLength(10_035);
    expect([...compiled.newUnits.values()].filter((u) => u.level === "commune")).toHaveLength(3_321);
    expect(compiled.districtLevelAbolished).toBe(true);
    expect(plan.changes.filter((c) => c.kind === "split")).toHaveLength(441);
  });

  it("flags the fields of a broken edit (unknown source, a unit merged twice, a split without its targets)", () => {
    const edited: Plan = {
      ...plan,
      effectiveOn: "2025-13-01",
      changes: [
        { kind: "rename", level: "province", source: "99", target: { code: "99", name: "Tỉnh X", level: "province", parentCode: null } },
        { kind: "merge", level: "province", sources: [{ code: "02", coverage: "full" }, { code: "08", coverage: "full" }], target: { code: "08", name: "Tỉnh Tuyên Quang", level: "province", parentCode: null } },
        { kind: "rename", level: "province", source: "02", target: { code: "02", name: "Tỉnh Hà Giang", level: "province", parentCode: null } },
        { kind: "split", level: "commune", source: "00004", targets: ["00004"] },
        // a commune under a province that is no new province of the plan
        { kind: "rename", level: "commune", source: "00001", target: { code: "00001", name: "Phường X", level: "commune", parentCode: "01" } },
      ],
      assignments: { "00004-01": "77777" },
    };
    const fields = validatePlan(edited).map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining(["effectiveOn", "changes[0].source", "changes[2].source", "changes[3].targets", "changes[3].source", "assignments.00004-01", "changes[4].target.parentCode"]),
    );
    for (const issue of validatePlan(edited)) expect(issue.vi).not.toBe(issue.en);
  });
});

describe("derivation on a small tree (Hà Giang + Tuyên Quang → Tuyên Quang)", () => {
  const plan = compilePlan(officialPlan2025());
  const tree = tree2024((p) => p === "02" || p === "08");
  const withAssignments = compilePlan(assignSplitCells(plan.plan, tree));
  const d = deriveOrgChanges(withAssignments, tree);

  it("creates one new province committee and closes both old ones into it", () => {
    const created = d.changes.filter((c) => c.kind === "create" && c.orgKind === "provincial_committee");
    expect(created).toEqual([{ kind: "create", code: "08-2025", orgKind: "provincial_committee", name: "Đảng bộ Tỉnh Tuyên Quang", parentCode: null, unitCode: "08" }]);
    expect(d.changes).toContainEqual({ kind: "close", code: "02", successorCode: "08-2025" });
    expect(d.changes).toContainEqual({ kind: "close", code: "08", successorCode: "08-2025" });
  });

  it("dissolves every district committee and moves its grassroots organizations up to the new province committee", () => {
    const districts = tree.filter((o) => o.kind === "upper_grassroots_committee");
    expect(districts.length).toBeGreaterThan(10);
    for (const dc of districts) {
      expect(d.changes).toContainEqual({ kind: "close", code: dc.code, successorCode: "08-2025" });
      expect(d.changes).toContainEqual({ kind: "reparent", code: `${dc.code}-CQ`, fromParentCode: dc.code, toParentCode: "08-2025" });
    }
  });

  it("merges commune committees, re-parents their cells, and keeps a commune that continues unchanged", () => {
    const newCommunes = getUnits("2025").filter((u) => u.parentCode === "08");
    const communeCommittees = d.after.filter((o) => !o.closed && o.parentCode === "08-2025" && o.adminUnitCode !== null);
    expect(communeCommittees.map((o) => o.adminUnitCode).sort()).toEqual(newCommunes.map((u) => u.code).sort());
    // every old commune committee either closed into a new one or continues (same code, whole)
    for (const old of tree.filter((o) => o.kind === "grassroots_committee")) {
      const m = mapOldToNew(old.code)!;
      const continues = m.coverage === "full" && m.targets[0]!.unit.code === old.code && mapNewToOld(old.code)!.sources.length === 1;
      const after = d.after.find((o) => o.code === old.code)!;
      expect(after.closed).toBe(!continues);
      for (const cell of tree.filter((o) => o.parentCode === old.code)) {
        const parent = d.after.find((o) => o.code === cell.code)!.parentCode!;
        const parentUnit = d.after.find((o) => o.code === parent)!.adminUnitCode!;
        expect(m.targets.map((t) => t.unit.code)).toContain(parentUnit);
      }
    }
  });

  it("preview: per new unit, members after = the sum of its parts; duplicate cell names are conflicts", () => {
    const previews = previewByUnit(withAssignments, tree, d);
    expect(previews).toHaveLength(1 + getUnits("2025").filter((u) => u.parentCode === "08").length);
    const province = previews.find((p) => p.unitCode === "08")!;
    const total = tree.reduce((n, o) => n + o.members, 0);
    expect(province).toMatchObject({ members: total, membersBefore: total, created: 1, closed: 2 + tree.filter((o) => o.kind === "upper_grassroots_committee").length });
    const merged = previews.find((p) => p.unitCode !== "08" && (withAssignments.sourcesOf.get(p.unitCode)?.length ?? 0) > 1)!;
    expect(merged.members).toBe(merged.membersBefore);
    expect(merged.conflicts.some((c) => c.kind === "duplicate_name" && c.name === "Chi bộ thôn 1")).toBe(true);
    const report = checkConservation(withAssignments, tree, d.after, previews);
    expect(report).toMatchObject({ ok: true, misplacedMembers: 0, districtCommitteesLeft: 0, membersBefore: total, membersInOpenCells: total });
  });

  it("surplus posts: closed committees' posts minus the new committees'", () => {
    const surplus = surplusPosts(withAssignments, tree, d).get("08")!;
    const closed = d.changes.filter((c) => c.kind === "close");
    const created = d.changes.filter((c) => c.kind === "create");
    expect(closed.length).toBeGreaterThan(created.length);
    expect(surplus.secretary).toBeGreaterThan(0);
    // secretary: one per closed committee (and per single-cell commune folded in), minus one per new committee
    const folded = d.changes.filter((c) => c.kind === "reparent" && c.orgKind === "subordinate_cell").length;
    expect(surplus.secretary).toBe(closed.length + folded - created.length);
  });
});

describe("an edited plan: only Hà Giang and Tuyên Quang merge, nothing else changes", () => {
  const plan: Plan = {
    title: "Nhập tỉnh Hà Giang vào tỉnh Tuyên Quang",
    effectiveOn: "2025-07-01",
    fromEdition: "2024",
    toEdition: "2025",
    changes: [{ kind: "merge", level: "province", sources: [{ code: "02", coverage: "full" }, { code: "08", coverage: "full" }], target: { code: "08", name: "Tỉnh Tuyên Quang", level: "province", parentCode: null } }],
    assignments: {},
  };

  it("is valid; district committees stay and move under the new province committee; communes are untouched", () => {
    expect(validatePlan(plan)).toEqual([]);
    const compiled = compilePlan(plan);
    const tree = tree2024((p) => p === "02" || p === "08");
    const d = deriveOrgChanges(compiled, tree);
    const districts = tree.filter((o) => o.kind === "upper_grassroots_committee");
    expect(d.changes.filter((c) => c.kind === "close").map((c) => c.code).sort()).toEqual(["02", "08"]);
    expect(d.changes.filter((c) => c.kind === "reparent").map((c) => c.code).sort()).toEqual([...districts.map((o) => o.code), "02-CQ", "08-CQ"].sort());
    expect(d.after.filter((o) => !o.closed && o.kind === "grassroots_committee").length).toBe(tree.filter((o) => o.kind === "grassroots_committee").length);
    const previews = previewByUnit(compiled, tree, d);
    expect(previews.map((p) => p.unitCode)).toEqual(["08"]);
    const report = checkConservation(compiled, tree, d.after, previews);
    expect(report).toMatchObject({ ok: true, districtCommitteesLeft: districts.length });
  });
});

describe("conflicts", () => {
  const plan = compilePlan(officialPlan2025());

  it("cells of a split commune without an assignment are members with no successor, and conservation says so", () => {
    // a split commune that has a committee with cells (not a single-cell commune)
    const split = plan.plan.changes.find((c) => c.kind === "split" && Number.parseInt(c.source, 10) % 40 !== 0)!;
    if (split.kind !== "split") throw new Error("no split");
    const tree = tree2024().filter((o) => o.code.startsWith(split.source) || o.kind !== "subordinate_cell");
    const d = deriveOrgChanges(plan, tree);
    const lost = d.conflicts.filter((c): c is Extract<Conflict, { kind: "no_successor" }> => c.kind === "no_successor" && c.code.startsWith(split.source));
    expect(lost.map((c) => c.code).sort()).toEqual([`${split.source}-01`, `${split.source}-02`]);
    expect(lost[0]).toMatchObject({ oldUnitCode: split.source, candidates: split.targets });
    const previews = previewByUnit(plan, tree, d);
    const target = previews.find((p) => p.unitCode === split.targets[0])!;
    expect(target.conflicts.some((c) => c.kind === "no_successor")).toBe(true);
    const report = checkConservation(plan, tree, d.after, previews);
    expect(report.ok).toBe(false);
    // single-cell split communes left unassigned close with their members on them: misplaced
    const closedCells = d.after.filter((o) => o.closed && o.kind === "grassroots_cell");
    expect(report.misplacedMembers).toBe(closedCells.reduce((n, o) => n + o.members, 0));
    // the split commune's cells stay open, but under a closed committee…
    expect(d.after.find((o) => o.code === `${split.source}-01`)!.parentCode).toBe(split.source);
    expect(d.after.find((o) => o.code === split.source)!.closed).toBe(true);
    expect(report.unitMismatches.length).toBeGreaterThan(0); // …so no new unit counts them
  });

  it("members sitting on a closing committee and open cells left empty are reported", () => {
    const tree = tree2024((p) => p === "02" || p === "08").map((o) =>
      o.code === "024" ? { ...o, members: 3 } : o.code === "070-CQ" ? { ...o, members: 0 } : o,
    );
    const d = deriveOrgChanges(compilePlan(assignSplitCells(plan.plan, tree)), tree);
    expect(d.conflicts).toContainEqual(expect.objectContaining({ kind: "no_successor", code: "024", members: 3 }));
    expect(d.conflicts).toContainEqual({ kind: "empty_cell", code: "070-CQ" });
  });

  it("applyOrgChanges refuses a change on an unknown organization", () => {
    expect(() => applyOrgChanges([], [{ kind: "close", code: "X", successorCode: null }])).toThrow(/unknown organization X/);
  });
});

describe("the whole country (real 2025 mapping)", () => {
  // The national tree (31,109 organizations) takes 1–2 s alone, 6–7 s on a loaded CI machine: over Vitest's 5 s.
  it("63 → 34 province committees, 3,321 commune-level organizations, no district committee left, every member kept", { timeout: 60_000 }, () => {
    const tree = tree2024();
    const plan = compilePlan(assignSplitCells(officialPlan2025(), tree));
    const d = deriveOrgChanges(plan, tree);
    const open = d.after.filter((o) => !o.closed);
    expect(tree.filter((o) => o.kind === "provincial_committee")).toHaveLength(63);
    expect(open.filter((o) => o.kind === "provincial_committee")).toHaveLength(34);
    expect(open.filter((o) => o.parentCode !== null && o.kind !== "subordinate_cell" && o.adminUnitCode !== null && plan.newUnits.get(o.adminUnitCode)?.level === "commune")).toHaveLength(3_321);
    expect(open.filter((o) => o.kind === "upper_grassroots_committee")).toHaveLength(0);
    expect(d.conflicts.filter((c) => c.kind === "no_successor" || c.kind === "unknown_unit")).toEqual([]);
    const previews = previewByUnit(plan, tree, d);
    const report = checkConservation(plan, tree, d.after, previews);
    expect(report).toMatchObject({ ok: true, districtCommitteesLeft: 0, misplacedMembers: 0, unitMismatches: [] });
    expect(report.membersInOpenCells).toBe(report.membersBefore);
    // every open cell hangs under an open organization of the new units
    const byCode = new Map(d.after.map((o) => [o.code, o]));
    for (const o of open) if (o.parentCode !== null) expect(byCode.get(o.parentCode)!.closed, o.code).toBe(false);
    // the province previews add up to the nation
    expect(previews.filter((p) => p.level === "province").reduce((n, p) => n + p.members, 0)).toBe(report.membersBefore);
  });
});
