// The saga's unit of work: one new province (docs/restructuring.md, "Execution"). Groups the derived
// organization changes by the new province they belong to and records what conservation must find after
// them (the members of its sources before). Pure.
import { getUnit } from "@orgboard/admin-units";
import type { Derivation, OrgChange, OrgNode } from "./derive.js";
import type { CompiledPlan } from "./plan.js";
import { emptyStructure, structureByTop, structureCounter, type Structure } from "./structure.js";

export interface ProvinceWork {
  provinceCode: string;
  name: string;
  /** the new province's committee (kept or created) */
  orgCode: string;
  orgPath: string;
  /** the old provinces' committees it is formed from */
  sourceOrgCodes: string[];
  /** active members in the subtrees of those committees now (the sum of its parts) */
  membersBefore: number;
  /**
   * Organizations it takes from other old provinces (the cells of a split commune's part, a commune moved to it):
   * marked "đang sắp xếp" with its sources while it runs, and counted in its services' "before".
   */
  crossingOrgCodes: string[];
  /** its organization changes, in the derivation's order (a parent created before its children) */
  changes: OrgChange[];
  /**
   * Open organizations by kind: in its sources' subtrees now (with the parts of split communes it takes, without
   * those another province takes), and under its committee as the whole plan leaves them.
   */
  structure: { before: Structure; after: Structure };
}

/** The path of an organization of the tree: the codes of its ancestors (paths are built from codes). */
export function pathOf(byCode: ReadonlyMap<string, OrgNode>, code: string): string {
  const codes: string[] = [];
  for (let cur = byCode.get(code), guard = 0; cur && guard < 64; cur = cur.parentCode === null ? undefined : byCode.get(cur.parentCode), guard++) codes.unshift(cur.code);
  return `/${codes.join("/")}/`;
}

/** The old province of an old unit (province, district or commune) of an edition (the plan's old one). */
export function oldProvinceOf(edition: CompiledPlan["plan"]["fromEdition"], unitCode: string | null): string | undefined {
  let unit = unitCode === null ? undefined : getUnit(edition, unitCode);
  for (let guard = 0; unit && unit.kind !== "province" && guard < 4; guard++) unit = unit.parentCode ? getUnit(edition, unit.parentCode) : undefined;
  return unit?.code;
}

export function provinceWork(plan: CompiledPlan, tree: readonly OrgNode[], derivation: Derivation, only?: readonly string[]): ProvinceWork[] {
  const byCode = new Map(tree.map((o) => [o.code, o]));
  const provinceOfUnit = (unitCode: string): string | undefined => {
    const u = plan.newUnits.get(unitCode);
    return u === undefined ? undefined : u.level === "province" ? u.code : (u.parentCode ?? undefined);
  };
  const provinceOfOrg = new Map<string, string>();
  for (const [unitCode, orgCode] of derivation.orgOfNewUnit) {
    const p = provinceOfUnit(unitCode);
    if (p !== undefined) provinceOfOrg.set(orgCode, p);
  }
  const provinceOf = (c: OrgChange): string | undefined => {
    switch (c.kind) {
      case "create":
      case "update":
        return provinceOfUnit(c.unitCode);
      case "reparent":
        return provinceOfOrg.get(c.toParentCode);
      case "close": {
        if (c.successorCode !== null) return provinceOfOrg.get(c.successorCode);
        const old = oldProvinceOf(plan.plan.fromEdition, byCode.get(c.code)?.adminUnitCode ?? null);
        return old === undefined ? undefined : plan.province.get(old);
      }
    }
  };
  const changesOf = new Map<string, OrgChange[]>();
  for (const c of derivation.changes) {
    const p = provinceOf(c);
    if (p === undefined) continue;
    changesOf.set(p, [...(changesOf.get(p) ?? []), c]);
  }
  const kids = new Map<string, OrgNode[]>();
  for (const o of tree) if (o.parentCode !== null) kids.set(o.parentCode, [...(kids.get(o.parentCode) ?? []), o]);
  const subtreeMembers = (code: string): number => (byCode.get(code)?.members ?? 0) + (kids.get(code) ?? []).reduce((n, k) => n + subtreeMembers(k.code), 0);

  // Split communes across new provinces: a part reparented into province P from an organization of another
  // new province Q moves when P runs, while its source commune committee closes with Q (Q closes the old
  // district above it, which membership refuses while anything stays open under it). So P runs before Q,
  // and the members of the part count for P, not Q (each province's check stays the sum of its parts).
  const topOf = (code: string): OrgNode | undefined => {
    let cur = byCode.get(code);
    for (let guard = 0; cur && cur.parentCode !== null && guard < 64; guard++) cur = byCode.get(cur.parentCode);
    return cur;
  };
  const provinceOfTop = (code: string): string | undefined => {
    const top = topOf(code);
    return top?.adminUnitCode == null ? undefined : plan.province.get(top.adminUnitCode);
  };
  const shift = new Map<string, number>();
  const before = new Map<string, Set<string>>(); // province → provinces that must run before it
  const crossing = new Map<string, string[]>(); // province → organizations it takes from other old provinces
  const leaving = new Map<string, string[]>(); // province → organizations other provinces take from it
  for (const c of derivation.changes) {
    if (c.kind !== "reparent") continue;
    const to = provinceOfOrg.get(c.toParentCode);
    const from = provinceOfTop(c.code);
    if (to === undefined || from === undefined || to === from) continue;
    const n = subtreeMembers(c.code);
    shift.set(to, (shift.get(to) ?? 0) + n);
    shift.set(from, (shift.get(from) ?? 0) - n);
    crossing.set(to, [...(crossing.get(to) ?? []), c.code]);
    leaving.set(from, [...(leaving.get(from) ?? []), c.code]);
    before.set(from, (before.get(from) ?? new Set()).add(to));
  }

  const structureBefore = structureCounter(tree);
  const afterByTop = structureByTop(derivation.after);
  const out: ProvinceWork[] = [];
  // The plan's order of new provinces (moved after the provinces receiving parts of their split communes).
  for (const unit of runOrder(plan, before)) {
    if (unit.level !== "province") continue;
    if (only !== undefined && !only.includes(unit.code)) continue;
    const changes = changesOf.get(unit.code);
    const orgCode = derivation.orgOfNewUnit.get(unit.code);
    if (!changes || orgCode === undefined) continue;
    const oldProvinces = [...plan.province].filter(([, to]) => to === unit.code).map(([from]) => from);
    const sources = tree.filter((o) => !o.closed && o.parentCode === null && o.kind === "provincial_committee" && o.adminUnitCode !== null && oldProvinces.includes(o.adminUnitCode));
    const created = changes.some((c) => c.kind === "create" && c.code === orgCode);
    const before = structureBefore([...sources.map((o) => o.code), ...(crossing.get(unit.code) ?? [])], leaving.get(unit.code) ?? []);
    out.push({
      provinceCode: unit.code,
      name: unit.name,
      orgCode,
      orgPath: created ? `/${orgCode}/` : pathOf(byCode, orgCode),
      sourceOrgCodes: sources.map((o) => o.code),
      membersBefore: sources.reduce((n, o) => n + subtreeMembers(o.code), 0) + (shift.get(unit.code) ?? 0),
      crossingOrgCodes: crossing.get(unit.code) ?? [],
      changes,
      structure: { before, after: afterByTop.get(orgCode) ?? emptyStructure() },
    });
  }
  return out;
}

/**
 * The new provinces in the plan's order, except that a province runs after every province in `before` (those
 * receiving parts of its split communes). A cycle (two provinces each receiving a part of the other's split
 * communes) keeps the plan's order for the provinces in it: the later one's closing step then fails until the
 * other has run, and resume completes it.
 */
export function runOrder(plan: CompiledPlan, before: ReadonlyMap<string, ReadonlySet<string>>) {
  const provinces = [...plan.newUnits.values()].filter((u) => u.level === "province");
  const done = new Set<string>();
  const out: typeof provinces = [];
  const visiting = new Set<string>();
  const byCode = new Map(provinces.map((u) => [u.code, u]));
  const visit = (code: string) => {
    if (done.has(code) || visiting.has(code)) return;
    visiting.add(code);
    for (const first of before.get(code) ?? []) visit(first);
    visiting.delete(code);
    done.add(code);
    const u = byCode.get(code);
    if (u) out.push(u);
  };
  for (const u of provinces) visit(u.code);
  return out;
}
