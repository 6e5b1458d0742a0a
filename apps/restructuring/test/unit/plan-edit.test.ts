// Plan edits in the domain (renames, assignments, one province's part) and split communes whose parts go to
// two new provinces (the runner's order): pure, on the real 2024/2025 mapping and fixture trees.
import { describe, expect, it } from "vitest";
import { applyOrgChanges, compilePlan, deriveOrgChanges, officialPlan2025, planPart, provinceWork, validatePlan, type OrgChange, type OrgNode } from "../../src/domain/index.js";
import { crossPlan, tree2024 } from "./fixtures.js";

describe("renames: what resolves the preview's duplicate names", () => {
  const plan = officialPlan2025();
  const tree = tree2024((p) => p === "02" || p === "08");
  const before = deriveOrgChanges(compilePlan(plan), tree);
  const dup = before.conflicts.find((c) => c.kind === "duplicate_name")!;

  it("a rename of all but one of the duplicates makes the conflict disappear, as an update of each renamed organization", () => {
    expect(dup).toBeDefined();
    const codes = dup.kind === "duplicate_name" ? dup.codes : [];
    const renames = Object.fromEntries(codes.slice(1).map((code, i) => [code, `Chi bộ thôn ${i + 1} (${code})`]));
    const after = deriveOrgChanges(compilePlan({ ...plan, renames }), tree);
    expect(after.conflicts.filter((c) => c.kind === "duplicate_name" && c.parentCode === dup.parentCode && c.name === dup.name)).toEqual([]);
    expect(after.conflicts.length).toBe(before.conflicts.length - 1);
    const updates = after.changes.filter((c): c is Extract<OrgChange, { kind: "update" }> => c.kind === "update" && c.code in renames);
    expect(updates.map((u) => [u.code, u.name])).toEqual(Object.entries(renames));
    // attached to the new commune it ends under (membership's update sets a unit code)
    const parentUnit = [...after.orgOfNewUnit].find(([, org]) => org === dup.parentCode)![0];
    expect(new Set(updates.map((u) => u.unitCode))).toEqual(new Set([parentUnit]));
    expect(applyOrgChanges(tree, after.changes).find((o) => o.code === codes[1])!.name).toBe(renames[codes[1]!]);
  });

  it("a rename of a continuing committee replaces its update's name; a rename of a closing one is ignored", () => {
    const kept = before.changes.find((c) => c.kind === "update")!;
    const closing = before.changes.find((c) => c.kind === "close")!;
    const after = deriveOrgChanges(compilePlan({ ...plan, renames: { [kept.code]: "Đảng bộ mới", [closing.code]: "x" } }), tree);
    expect(after.changes.filter((c) => c.kind === "update" && c.code === kept.code).map((c) => (c as { name: string }).name)).toEqual(["Đảng bộ mới"]);
    expect(after.changes.filter((c) => c.kind === "update" && c.code === closing.code)).toEqual([]);
  });

  it("a rename of a committee the run creates sets the name it is created with", () => {
    const made = before.changes.find((c): c is Extract<OrgChange, { kind: "create" }> => c.kind === "create")!;
    const after = deriveOrgChanges(compilePlan({ ...plan, renames: { [made.code]: "Đảng bộ được đặt tên lại" } }), tree);
    expect(after.changes.filter((c) => c.code === made.code && (c.kind === "create" || c.kind === "update")).map((c) => [c.kind, (c as { name: string }).name])).toEqual([["create", "Đảng bộ được đặt tên lại"]]);
    expect(after.changes.length).toBe(before.changes.length);
    expect(applyOrgChanges(tree, after.changes).find((o) => o.code === made.code)!.name).toBe("Đảng bộ được đặt tên lại");
  });

  it("validatePlan names an empty rename and an assignment to a unit not in the plan", () => {
    const issues = validatePlan({ ...plan, renames: { "00688-01": " " }, assignments: { "00688-02": "99999" } });
    expect(issues.map((i) => i.field).sort()).toEqual(["assignments.00688-02", "renames.00688-01"]);
    expect(issues.find((i) => i.field === "renames.00688-01")!.vi).toBe("tên mới không được để trống");
  });
});

describe("planPart: one new province's part of the plan", () => {
  const plan = officialPlan2025();
  const part = planPart({ ...plan, assignments: { "00688-01": "00691", "x-01": "26734" } }, "08");

  it("holds its own changes only: the province, its communes, the splits giving it a part, the district level", () => {
    const compiled = compilePlan(part);
    const units = [...compiled.newUnits.values()];
    expect(units.filter((u) => u.level === "province").map((u) => u.code)).toEqual(["08"]);
    expect(units.every((u) => u.level === "province" || u.parentCode === "08")).toBe(true);
    expect(compiled.province).toEqual(new Map([["02", "08"], ["08", "08"]]));
    expect(part.changes.filter((c) => c.kind === "abolish_level")).toHaveLength(1);
    expect(part.changes.filter((c) => c.kind === "split").every((c) => c.kind === "split" && c.targets.some((t) => compiled.newUnits.has(t)))).toBe(true);
    expect(part.assignments).toEqual({ "00688-01": "00691" });
  });
});

/** Membership's rules per province step (createOrgs, reparent, closeOrgs): a close refused while anything open remains under it. */
function runInOrder(tree: readonly OrgNode[], work: ReturnType<typeof provinceWork>) {
  let nodes = tree.map((o) => ({ ...o }));
  const refused: string[] = [];
  for (const w of work) {
    const byStep = (kinds: OrgChange["kind"][]) => w.changes.filter((c) => kinds.includes(c.kind));
    nodes = applyOrgChanges(nodes, [...byStep(["create", "update"]), ...byStep(["reparent"])]);
    const closes = byStep(["close"]);
    const codes = new Set(closes.map((c) => c.code));
    for (const c of closes) if (nodes.some((o) => o.parentCode === c.code && !o.closed && !codes.has(o.code))) refused.push(`${w.provinceCode}:${c.code}`);
    nodes = applyOrgChanges(nodes, closes);
  }
  return { nodes, refused };
}

describe("a split commune whose parts go to two new provinces", () => {
  it("the official mapping has none (so the case below is constructed)", () => {
    const plan = officialPlan2025();
    const compiled = compilePlan(plan);
    const across = [...compiled.commune].filter(([, targets]) => new Set(targets.map((t) => compiled.newUnits.get(t.code)!.parentCode)).size > 1);
    expect(across).toEqual([]);
  });

  const plan = crossPlan();
  const compiled = compilePlan(plan);
  const tree = tree2024((p) => p === "02" || p === "08" || p === "10");
  const d = deriveOrgChanges(compiled, tree);
  const work = provinceWork(compiled, tree, d);

  it("the province receiving the part runs first; the source commune closes with its own province, after every part moved", () => {
    expect(work.map((w) => w.provinceCode)).toEqual(["15", "08"]);
    const where = (pred: (c: OrgChange) => boolean) => work.filter((w) => w.changes.some(pred)).map((w) => w.provinceCode);
    expect(where((c) => c.kind === "reparent" && c.code === "00688-02")).toEqual(["15"]);
    expect(where((c) => c.kind === "reparent" && c.code === "00688-01")).toEqual(["08"]);
    expect(where((c) => c.kind === "close" && c.code === "00688")).toEqual(["08"]);
    const { nodes, refused } = runInOrder(tree, work);
    expect(refused.filter((r) => r.endsWith(":00688"))).toEqual([]);
    expect(nodes.find((o) => o.code === "00688")!.closed).toBe(true);
    // in the plan's order (Tuyên Quang first) the close would be refused: the part for Lào Cai still under it
    const planOrder = [...work].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
    expect(runInOrder(tree, planOrder).refused).toContain("08:00688");
  });

  it("the members of the part count for the province receiving it: each province's check is still the sum of its parts", () => {
    const { nodes } = runInOrder(tree, work);
    const kids = new Map<string, OrgNode[]>();
    for (const o of nodes) if (o.parentCode !== null && !o.closed) kids.set(o.parentCode, [...(kids.get(o.parentCode) ?? []), o]);
    const subtree = (code: string): number => nodes.find((o) => o.code === code)!.members + (kids.get(code) ?? []).reduce((n, k) => n + subtree(k.code), 0);
    for (const w of work) expect(w.membersBefore, w.provinceCode).toBe(subtree(w.orgCode));
    expect(lostMembers(d)).toBe(0);
    expect(work.reduce((n, w) => n + w.membersBefore, 0)).toBe(tree.reduce((n, o) => n + o.members, 0));
    // the part itself is in Lào Cai's count, not Tuyên Quang's
    const lc = work.find((w) => w.provinceCode === "15")!;
    const sum = (p: (code: string) => boolean) => tree2024(p).reduce((n, o) => n + o.members, 0);
    expect(lc.membersBefore).toBeGreaterThanOrEqual(sum((p) => p === "10") + tree.find((o) => o.code === "00688-02")!.members);
  });
});

/** Members the derivation leaves with no successor (the other split communes' cells, not assigned here). */
function lostMembers(d: ReturnType<typeof deriveOrgChanges>): number {
  return d.conflicts.reduce((n, c) => n + (c.kind === "no_successor" ? c.members : 0), 0);
}
