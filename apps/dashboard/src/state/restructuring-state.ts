// What the restructuring progress screen derives from `restructuring.runs.get` / `runs.list` (pure, unit-tested):
// the conservation check of a province, its failed step, the run picked by default, its surplus cadres placed,
// the organization structure before and after.
import { ORG_KINDS } from "@orgboard/contract-membership";
import type { RunProvinceView, RunSummary } from "@orgboard/contract-restructuring";

export type Conservation =
  | { state: "ok" }
  | { state: "not_ok"; before: number; after: number; diff: number }
  | { state: "pending" };

/**
 * The check after a province (its `verify` step): members in the new province's committee subtree equal the
 * members of its sources when the run started. `membersAfter` is null until the check ran.
 */
export function conservationOf(p: Pick<RunProvinceView, "membersBefore" | "membersAfter">): Conservation {
  if (p.membersAfter === null) return { state: "pending" };
  if (p.membersAfter === p.membersBefore) return { state: "ok" };
  return { state: "not_ok", before: p.membersBefore, after: p.membersAfter, diff: p.membersAfter - p.membersBefore };
}

/**
 * Officials awaiting reassignment after a province (its `verify` step's census of identity, contract-restructuring
 * 1.11): sign-in accounts left on a path that names no organization (an abolished district committee's board),
 * who see nothing until a board assigns them anew. Null when the check has not run, identity is not wired, or
 * the figure is withheld (a board below the province: records null).
 */
export function officialsAwaitingOf(p: Pick<RunProvinceView, "steps">): number | null {
  const verify = p.steps.find((s) => s.step === "verify" && s.status === "done");
  return verify?.records?.["identity.awaitingReassignment"] ?? null;
}

/** The step that failed last (its message), or the province's own error, or null. */
export function failureOf(p: Pick<RunProvinceView, "steps" | "error" | "status">): { step: string | null; attempt: number; message: string } | null {
  const failed = [...p.steps].reverse().find((s) => s.status === "failed");
  if (failed) return { step: failed.step, attempt: failed.attempt, message: failed.error ?? p.error ?? "" };
  if (p.status === "failed" && p.error) return { step: null, attempt: 0, message: p.error };
  return null;
}

/** The run shown first: the newest running one, else the newest with provinces, else the newest plan. */
export function defaultRun(runs: readonly RunSummary[]): string | null {
  return (runs.find((r) => r.status === "running") ?? runs.find((r) => r.provinces.total > 0) ?? runs[0])?.planId ?? null;
}

/** Where a province's records are: its new committee's subtree and, until its run moves them, its sources'. */
export function provincePaths(p: Pick<RunProvinceView, "orgPath" | "sourceOrgPaths">): string[] {
  return [...new Set([p.orgPath, ...p.sourceOrgPaths])];
}

/**
 * Surplus cadres placed in a new province (personnel's `surplus.figures` of each of its paths: resolved /
 * total, summed; the subtrees are disjoint). Null until every path has answered.
 */
export function surplusPlacedOf(figures: readonly ({ resolved: number; total: number } | null | undefined)[]): { placed: number; total: number } | null {
  if (figures.length === 0 || figures.some((f) => !f)) return null;
  return figures.reduce<{ placed: number; total: number }>((acc, f) => ({ placed: acc.placed + f!.resolved, total: acc.total + f!.total }), { placed: 0, total: 0 });
}

export interface StructureRow {
  kind: string;
  before: number;
  after: number;
  diff: number;
}

/**
 * Organizations by kind before and after (contract-restructuring 1.13's `structure`) of one province, or summed
 * over the run's provinces (`provinceCode` null). Rows in membership's ORG_KINDS order (the KPI tab's structure
 * panel's), then any other kind a newer membership counts; kinds with nothing before or after left out. Null when
 * no province chosen has the figures (rows started before 1.13, or withheld from a board below its province).
 */
export function structureRows(provinces: readonly Pick<RunProvinceView, "provinceCode" | "structure">[], provinceCode: string | null): StructureRow[] | null {
  const chosen = provinces.filter((p) => (provinceCode === null || p.provinceCode === provinceCode) && p.structure);
  if (chosen.length === 0) return null;
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const p of chosen) {
    for (const [k, n] of Object.entries(p.structure!.before)) before.set(k, (before.get(k) ?? 0) + n);
    for (const [k, n] of Object.entries(p.structure!.after)) after.set(k, (after.get(k) ?? 0) + n);
  }
  const known: readonly string[] = ORG_KINDS;
  const kinds = [...known, ...[...new Set([...before.keys(), ...after.keys()])].filter((k) => !known.includes(k)).sort()];
  return kinds
    .map((kind) => ({ kind, before: before.get(kind) ?? 0, after: after.get(kind) ?? 0 }))
    .filter((r) => r.before > 0 || r.after > 0)
    .map((r) => ({ ...r, diff: r.after - r.before }));
}
