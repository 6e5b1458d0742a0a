// A board below its province committee (a district's or a commune's: scope `/02/<district>/…`) reads the part
// of a plan that concerns its own organizations (docs/restructuring.md, "A board below its province
// committee"). The derivation itself runs on the whole province's part (new committees' codes, duplicate names
// and successors depend on it); these functions cut its result down to the subtree, so that nothing about
// another organization — its name, code, members or mere existence — reaches the answer, except the
// committees the subtree's organizations go to (their destination is the board's business).
import { getUnit } from "@orgboard/admin-units";
import type { Conflict, Derivation, OrgChange, OrgNode } from "./derive.js";
import type { Plan, UnitChange } from "./plan.js";
import { oldProvinceOf, pathOf } from "./work.js";

/** A scope path below a province committee: `/02/<code>/…` (two segments or more). */
export const isBelowProvince = (path: string) => path.split("/").filter(Boolean).length >= 2;

/**
 * The codes of the organizations under the paths in the tree now, plus those a run has already moved out of
 * them (`moved`: stored reparent changes; an organization whose former parent is in the set is in it).
 */
export function subtreeCodes(tree: readonly OrgNode[], paths: readonly string[], moved: readonly { code: string; fromParentCode: string | null }[] = []): Set<string> {
  const byCode = new Map(tree.map((o) => [o.code, o]));
  const out = new Set(tree.filter((o) => paths.some((p) => pathOf(byCode, o.code).startsWith(p))).map((o) => o.code));
  // moved out by a run: follow the stored reparents (a cell of the commune, then its own children) to a fixpoint
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of moved) {
      if (m.fromParentCode !== null && out.has(m.fromParentCode) && !out.has(m.code)) {
        out.add(m.code);
        grew = true;
      }
    }
    if (grew) for (const o of tree) if (o.parentCode !== null && out.has(o.parentCode) && !out.has(o.code)) out.add(o.code);
  }
  return out;
}

/** Where the subtree's organizations go: successors of those closing, new parents of those moving. */
export function destinations(changes: readonly OrgChange[], mine: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const c of changes) {
    if (!mine.has(c.code)) continue;
    if (c.kind === "close" && c.successorCode !== null) out.add(c.successorCode);
    if (c.kind === "reparent") out.add(c.toParentCode);
  }
  return out;
}

const ancestorsOf = (byCode: ReadonlyMap<string, OrgNode>, codes: Iterable<string>): Set<string> => {
  const out = new Set<string>();
  for (const code of codes) {
    for (let cur = byCode.get(code), guard = 0; cur && guard < 64; guard++) {
      if (out.has(cur.code)) break;
      out.add(cur.code);
      cur = cur.parentCode === null ? undefined : byCode.get(cur.parentCode);
    }
  }
  return out;
};

/** A conflict of the subtree, narrowed to its own organizations; none when it is about others. */
function ownConflict(k: Conflict, mine: ReadonlySet<string>): Conflict | undefined {
  if (k.kind === "duplicate_name") {
    // Two of its own organizations with one name. One of its own beside another's: the other's name and
    // existence are not its business (the rename is the central board's, which sees both).
    const codes = k.codes.filter((c) => mine.has(c));
    return codes.length >= 2 ? { ...k, codes } : undefined;
  }
  return mine.has(k.code) ? k : undefined;
}

/**
 * The tree and derivation of a province's part cut to a subtree (`mine`): before, its organizations and their
 * ancestors; after, its organizations, their destinations and the ancestors of both; every other organization
 * kept there carries no member. Changes: its own, and the creation of the committees it goes to. So the
 * preview's figures (previewByUnit, checkConservation) are the subtree's own.
 */
export function restrictToSubtree(tree: readonly OrgNode[], derivation: Derivation, mine: ReadonlySet<string>): { tree: OrgNode[]; derivation: Derivation } {
  const blank = (o: OrgNode): OrgNode => (mine.has(o.code) ? o : { ...o, members: 0 });
  const beforeKeep = ancestorsOf(new Map(tree.map((o) => [o.code, o])), mine);
  const afterByCode = new Map(derivation.after.map((o) => [o.code, o]));
  const afterKeep = ancestorsOf(afterByCode, [...mine, ...destinations(derivation.changes, mine)]);
  const changes = derivation.changes.filter((c) => mine.has(c.code) || (c.kind === "create" && afterKeep.has(c.code)));
  return {
    tree: tree.filter((o) => beforeKeep.has(o.code)).map(blank),
    derivation: {
      changes,
      conflicts: derivation.conflicts.flatMap((k) => ownConflict(k, mine) ?? []),
      orgOfNewUnit: new Map([...derivation.orgOfNewUnit].filter(([, org]) => afterKeep.has(org))),
      after: derivation.after.filter((o) => afterKeep.has(o.code)).map(blank),
    },
  };
}

/**
 * The plan as a subtree board reads it (plans.get's counts): the unit changes taking one of its own old units
 * (the admin units its organizations, or their nearest ancestors, are attached to; after a run, the sources of the new commune they are
 * attached to) or its own old province, their sources narrowed to those; the splits of its own communes; the
 * abolition of the district level. Other communes merged into the same new commune, other provinces into the
 * same new province: not counted.
 */
export function subtreePlan(plan: Plan, tree: readonly OrgNode[], mine: ReadonlySet<string>): Plan {
  const byCode = new Map(tree.map((o) => [o.code, o]));
  // the unit each organization belongs to: its own, or its nearest ancestor's (a cell's commune)
  const attached = new Set<string>();
  for (const code of mine) {
    let cur = byCode.get(code);
    for (let guard = 0; cur && cur.adminUnitCode === null && guard < 64; guard++) cur = cur.parentCode === null ? undefined : byCode.get(cur.parentCode);
    if (cur?.adminUnitCode) attached.add(cur.adminUnitCode);
  }
  const own = new Set(attached);
  for (const c of plan.changes) {
    if (c.kind === "merge" && c.level === "commune" && attached.has(c.target.code)) for (const s of c.sources) own.add(s.code);
    if (c.kind === "rename" && c.level === "commune" && attached.has(c.target.code)) own.add(c.source);
  }
  const provinces = new Set([...own].flatMap((code) => oldProvinceOf(plan.fromEdition, code) ?? []));
  // an old province's committee above its organizations (a subtree of agencies only attaches to no unit)
  for (const code of mine) {
    let root = byCode.get(code);
    for (let guard = 0; root && root.parentCode !== null && guard < 64; guard++) root = byCode.get(root.parentCode);
    if (root && root.code === root.adminUnitCode && getUnit(plan.fromEdition, root.code)?.kind === "province") provinces.add(root.code);
  }
  const changes = plan.changes.flatMap((c): UnitChange[] => {
    if (c.kind === "abolish_level") return [c];
    const keep = c.level === "province" ? provinces : own;
    if (c.kind === "split" || c.kind === "rename") return keep.has(c.source) ? [c] : [];
    const sources = c.sources.filter((s) => keep.has(s.code));
    return sources.length > 0 ? [{ ...c, sources }] : [];
  });
  return { ...plan, changes, assignments: Object.fromEntries(Object.entries(plan.assignments).filter(([org]) => mine.has(org))) };
}
