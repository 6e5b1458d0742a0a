// Which new provinces the saga runner may run at once (docs/restructuring.md "Execution"). Pure.
//
// Two provinces depend on each other when their runs touch a common organization: their sources overlap, or
// one's changes name an organization the other's name too — a split commune's part is reparented by the
// province receiving it (its `fromParentCode` is the commune committee) while the commune committee closes
// with the other province (runOrder already puts the receiving one first). The later one in the stored
// order waits for the earlier one to be done; anything doubtful shares a code and so is serialized.
import type { OrgChange } from "./derive.js";

export interface ProvinceToRun {
  provinceCode: string;
  /** run_province.position: the stored order (runOrder: receiving provinces first) */
  position: number;
  /** already done when the runner starts (not run again; satisfies its dependants) */
  done: boolean;
  /** every organization code its run touches: its committee, its sources, every code its changes name */
  orgCodes: readonly string[];
}

/** The organization codes a change names (the organization itself and its parents / successor). */
export function codesOfChange(c: OrgChange): string[] {
  switch (c.kind) {
    case "create":
      return c.parentCode === null ? [c.code] : [c.code, c.parentCode];
    case "close":
      return c.successorCode === null ? [c.code] : [c.code, c.successorCode];
    case "update":
      return [c.code];
    case "reparent":
      return c.fromParentCode === null ? [c.code, c.toParentCode] : [c.code, c.fromParentCode, c.toParentCode];
  }
}

/** The codes a province's run touches (ProvinceToRun.orgCodes), from what runs.start stored. */
export function orgCodesOfProvince(p: { orgCode: string; sourceOrgCodes: readonly string[]; changes: readonly OrgChange[] }): string[] {
  return [...new Set([p.orgCode, ...p.sourceOrgCodes, ...p.changes.flatMap(codesOfChange)])];
}

/** Each province's dependencies: the provinces before it in the stored order that share an organization with it. */
export function provinceDependencies(provinces: readonly ProvinceToRun[]): Map<string, string[]> {
  const ordered = [...provinces].sort((a, b) => a.position - b.position);
  const lastToucher = new Map<string, string[]>(); // org code → provinces (in order) touching it so far
  const out = new Map<string, string[]>();
  for (const p of ordered) {
    const deps = new Set<string>();
    for (const code of new Set(p.orgCodes)) {
      const earlier = lastToucher.get(code);
      if (earlier) for (const e of earlier) deps.add(e);
      lastToucher.set(code, [...(earlier ?? []), p.provinceCode]);
    }
    out.set(p.provinceCode, [...deps]);
  }
  return out;
}

/**
 * Hands out the next runnable province: the first one in the stored order not done, not running, whose
 * dependencies are all done, while fewer than `concurrency` run. After the first failure nothing new starts
 * (the ones running finish; a later resume continues). With concurrency 1 this is the stored order, stopping
 * at the first failure: the runner as it was before provinces ran at once.
 */
export class ProvinceScheduler {
  readonly #order: ProvinceToRun[];
  readonly #deps: Map<string, string[]>;
  readonly #inRun: Set<string>;
  readonly #done = new Set<string>();
  readonly #running = new Set<string>();
  #failed: string | null = null;

  constructor(
    provinces: readonly ProvinceToRun[],
    readonly concurrency: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer ≥ 1, got ${concurrency}`);
    this.#order = [...provinces].sort((a, b) => a.position - b.position);
    this.#deps = provinceDependencies(this.#order);
    this.#inRun = new Set(this.#order.map((p) => p.provinceCode));
    for (const p of this.#order) if (p.done) this.#done.add(p.provinceCode);
  }

  /** A province to start now (marked running), or null: none runnable now, the slots are full, or a failure stopped the run. */
  next(): string | null {
    if (this.#failed !== null || this.#running.size >= this.concurrency) return null;
    for (const p of this.#order) {
      const code = p.provinceCode;
      if (this.#done.has(code) || this.#running.has(code)) continue;
      // A dependency outside this run (a resume naming one province) does not hold it back, as before.
      if ((this.#deps.get(code) ?? []).every((d) => this.#done.has(d) || !this.#inRun.has(d))) {
        this.#running.add(code);
        return code;
      }
    }
    return null;
  }

  /** The province's run ended: done (ok) or failed (stops new starts). */
  finish(provinceCode: string, ok: boolean): void {
    if (!this.#running.delete(provinceCode)) throw new Error(`province ${provinceCode} is not running`);
    if (ok) this.#done.add(provinceCode);
    else this.#failed ??= provinceCode;
  }

  get running(): readonly string[] {
    return [...this.#running];
  }

  /** The first province that failed in this run, if any. */
  get failed(): string | null {
    return this.#failed;
  }

  dependenciesOf(provinceCode: string): readonly string[] {
    return this.#deps.get(provinceCode) ?? [];
  }
}

/**
 * What one runs.resume runs at once: the caller's `concurrency` (contract-restructuring 1.4) over the service's
 * default (absent: 1), never more than one on a single-connection database (the embedded PGlite: a second
 * province's transactions would only queue behind the first's).
 */
export function provincesAtOnce(service: { concurrency?: number; singleConnection?: boolean }, requested: number | undefined): number {
  return service.singleConnection ? 1 : (requested ?? service.concurrency ?? 1);
}
