// A new province's organization structure before its run and after it (docs/restructuring.md, "Before and
// after"): open organizations by kind, as membership's orgs.structure counts them. Pure: "before" is read off
// the tree the run starts from, "after" off the tree the derivation leaves, so the two can be shown side by
// side from the run's start on; the run's test checks both against membership's counts.
import { ORG_KINDS, type OrgKind } from "@orgboard/contract-membership";
import type { OrgNode } from "./derive.js";

export type Structure = Record<OrgKind, number>;

export const emptyStructure = (): Structure => Object.fromEntries(ORG_KINDS.map((k) => [k, 0])) as Structure;

/**
 * Counts open organizations by kind in the subtrees of `roots`, without the subtrees of `excluded` (a split
 * commune's part another new province takes; a code in both is excluded). The tree's index is built once, for
 * every province a run counts.
 */
export function structureCounter(tree: readonly OrgNode[]): (roots: readonly string[], excluded?: readonly string[]) => Structure {
  const kids = new Map<string, OrgNode[]>();
  for (const o of tree) {
    if (o.parentCode === null) continue;
    const list = kids.get(o.parentCode);
    if (list) list.push(o);
    else kids.set(o.parentCode, [o]);
  }
  const byCode = new Map(tree.map((o) => [o.code, o]));
  return (roots, excluded = []) => {
    const out = emptyStructure();
    const skip = new Set(excluded);
    const seen = new Set<string>();
    const walk = (code: string) => {
      if (skip.has(code) || seen.has(code)) return;
      seen.add(code);
      const o = byCode.get(code);
      if (o === undefined) return;
      if (!o.closed) out[o.kind] += 1;
      for (const k of kids.get(code) ?? []) walk(k.code);
    };
    for (const r of roots) walk(r);
    return out;
  };
}

/** structureCounter for one count. */
export const structureOf = (tree: readonly OrgNode[], roots: readonly string[], excluded: readonly string[] = []): Structure => structureCounter(tree)(roots, excluded);

/**
 * Open organizations by kind under each top-level organization (a province committee) of `nodes`: with the
 * derivation's result, each new province's structure as the whole plan leaves it.
 */
export function structureByTop(nodes: readonly OrgNode[]): Map<string, Structure> {
  const byCode = new Map(nodes.map((o) => [o.code, o]));
  const topOf = new Map<string, string>();
  const top = (o: OrgNode): string => {
    const hit = topOf.get(o.code);
    if (hit !== undefined) return hit;
    const parent = o.parentCode === null ? undefined : byCode.get(o.parentCode);
    const t = parent === undefined ? o.code : top(parent);
    topOf.set(o.code, t);
    return t;
  };
  const out = new Map<string, Structure>();
  for (const o of nodes) {
    if (o.closed) continue;
    const t = top(o);
    const s = out.get(t) ?? emptyStructure();
    s[o.kind] += 1;
    out.set(t, s);
  }
  return out;
}
