// A new province's structure before and after its run (provinceWork's `structure`): pure, checked against the
// tree the derivation leaves (d.after), nationally and for a split commune whose parts go to two new provinces.
import { ORG_KINDS, type OrgKind } from "@orgboard/contract-membership";
import { describe, expect, it } from "vitest";
import { compilePlan, deriveOrgChanges, emptyStructure, officialPlan2025, provinceWork, structureByTop, structureOf, type OrgNode, type Structure } from "../../src/domain/index.js";
import { assignSplitCells, crossPlan, tree2024 } from "./fixtures.js";

/** Open organizations by kind among `nodes`, those under `path` when given (paths built from codes). */
function count(nodes: readonly OrgNode[], path?: string): Structure {
  const byCode = new Map(nodes.map((o) => [o.code, o]));
  const pathOf = (o: OrgNode): string => (o.parentCode === null ? `/${o.code}/` : `${pathOf(byCode.get(o.parentCode)!)}${o.code}/`);
  const out = emptyStructure();
  for (const o of nodes) if (!o.closed && (path === undefined || pathOf(o).startsWith(path))) out[o.kind] += 1;
  return out;
}
const sum = (xs: readonly Structure[]) => {
  const out = emptyStructure();
  for (const x of xs) for (const k of ORG_KINDS) out[k] += x[k];
  return out;
};

describe("structureOf / structureByTop", () => {
  const node = (code: string, parentCode: string | null, kind: OrgKind, closed = false): OrgNode => ({ code, parentCode, kind, name: code, adminUnitCode: null, closed, members: 0 });
  const tree = [node("P", null, "provincial_committee"), node("D", "P", "upper_grassroots_committee"), node("C", "D", "grassroots_committee"), node("C1", "C", "subordinate_cell"), node("X", "D", "grassroots_cell"), node("Z", "D", "grassroots_cell", true)];

  it("counts the open organizations of the subtrees, without the excluded ones, each once", () => {
    expect(structureOf(tree, ["P", "D"], ["X"])).toEqual({ ...emptyStructure(), provincial_committee: 1, upper_grassroots_committee: 1, grassroots_committee: 1, subordinate_cell: 1 });
    expect(structureOf(tree, ["C"])).toEqual({ ...emptyStructure(), grassroots_committee: 1, subordinate_cell: 1 });
    expect(structureOf(tree, ["nobody"])).toEqual(emptyStructure());
  });

  it("counts the open organizations under each top-level organization", () => {
    const byTop = structureByTop([...tree, node("Q", null, "provincial_committee"), node("Q1", "Q", "grassroots_cell")]);
    expect(byTop.get("P")).toEqual({ ...emptyStructure(), provincial_committee: 1, upper_grassroots_committee: 1, grassroots_committee: 1, subordinate_cell: 1, grassroots_cell: 1 });
    expect(byTop.get("Q")).toEqual({ ...emptyStructure(), provincial_committee: 1, grassroots_cell: 1 });
    expect([...byTop.keys()].sort()).toEqual(["P", "Q"]);
  });
});

describe("provinceWork's structure", () => {
  it("nationally: the provinces' 'before' add up to the tree's open organizations, each province's 'after' is what the derivation leaves under its path; 34 province committees, no district committee", { timeout: 60_000 }, () => {
    const tree = tree2024();
    const compiled = compilePlan(assignSplitCells(officialPlan2025(), tree));
    const d = deriveOrgChanges(compiled, tree);
    const work = provinceWork(compiled, tree, d);
    expect(work).toHaveLength(34);
    expect(sum(work.map((w) => w.structure.before))).toEqual(count(tree));
    for (const w of work) expect(w.structure.after, w.provinceCode).toEqual(count(d.after, w.orgPath));
    const after = sum(work.map((w) => w.structure.after));
    expect(after).toEqual(count(d.after));
    expect(after.provincial_committee).toBe(34);
    expect(after.upper_grassroots_committee).toBe(0);
  });

  it("a split commune's part counts for the province that takes it, before and after, and not for the one it leaves", () => {
    const tree = tree2024((p) => p === "02" || p === "08" || p === "10");
    const compiled = compilePlan(crossPlan());
    const d = deriveOrgChanges(compiled, tree);
    const work = provinceWork(compiled, tree, d);
    expect(work.map((w) => w.provinceCode)).toEqual(["15", "08"]);
    const [laoCai, tuyenQuang] = work;
    // Phường Quang Trung's cell 00688-02 and what else goes to commune 00694 of the new Lào Cai
    expect(laoCai!.crossingOrgCodes).toContain("00688-02");
    expect(laoCai!.structure.before).toEqual(structureOf(tree, ["10", ...laoCai!.crossingOrgCodes]));
    expect(tuyenQuang!.structure.before).toEqual(structureOf(tree, ["02", "08"], laoCai!.crossingOrgCodes));
    expect(tuyenQuang!.structure.before.subordinate_cell + tuyenQuang!.structure.before.grassroots_cell).toBeLessThan(structureOf(tree, ["02", "08"]).subordinate_cell + structureOf(tree, ["02", "08"]).grassroots_cell);
    expect(sum([laoCai!.structure.before, tuyenQuang!.structure.before])).toEqual(count(tree));
    for (const w of work) expect(w.structure.after, w.provinceCode).toEqual(count(d.after, w.orgPath));
  });
});
