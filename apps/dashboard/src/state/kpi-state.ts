import { membershipEventSchemas, RATING_LEVELS, type KpiSummaryOutput, type RatingLevel } from "@orgboard/contract-membership";
import { advance, isApplied, type EventEnvelope, type Watermarks } from "./envelope.js";

/** `membership.kpi.summary` as the contract defines it (@orgboard/contract-membership). */
export type KpiSummary = KpiSummaryOutput;
/** One child organization's admissions against its plan. */
export type KpiRow = KpiSummary["rows"][number];

export interface KpiState {
  orgPath: string;
  year: number;
  rows: readonly KpiRow[];
  ratings: Readonly<Record<RatingLevel, number>>;
  marks: Watermarks;
  updatedAt: string | null;
  /** "Đang sắp xếp": restructuring's saga has this scope (or part of it) marked; null when not (or a membership before 2.7). */
  restructuring: NonNullable<KpiSummary["restructuring"]> | null;
}

export function kpiFromSnapshot(s: KpiSummary): KpiState {
  const ratings = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  for (const r of s.ratings) ratings[r.level] += r.count;
  return { orgPath: s.orgPath, year: s.year, rows: s.rows, ratings, marks: s.lastEventId ? { membership: s.lastEventId } : {}, updatedAt: null, restructuring: s.restructuring ?? null };
}

function rowIndexFor(rows: readonly KpiRow[], orgPath: string): number {
  return rows.findIndex((r) => orgPath.startsWith(r.orgPath));
}

/** Fold membership events into the KPI panels; idempotent by event id like the conference fold. */
export function foldKpiEvents(state: KpiState, events: readonly EventEnvelope[]): KpiState {
  let next: KpiState | null = null;
  for (const e of events) {
    const cur = next ?? state;
    if (!e.orgPath.startsWith(state.orgPath) || isApplied(cur.marks, e)) continue;
    if (!Object.hasOwn(membershipEventSchemas, e.type)) continue;
    const n: KpiState = next ?? { ...state };
    next = n;
    n.marks = advance(n.marks, e);
    switch (e.type) {
      case "membership.admission.approved": {
        const p = membershipEventSchemas[e.type].safeParse(e.payload);
        if (!p.success || Number(p.data.admittedOn.slice(0, 4)) !== n.year) break;
        const i = rowIndexFor(n.rows, e.orgPath);
        if (i < 0) break;
        n.rows = n.rows.map((r, j) => (j === i ? { ...r, admitted: r.admitted + 1 } : r));
        n.updatedAt = e.occurredAt;
        break;
      }
      case "membership.rating.approved": {
        const p = membershipEventSchemas[e.type].safeParse(e.payload);
        if (!p.success || p.data.subjectKind !== "member" || p.data.year !== n.year) break;
        const ratings = { ...n.ratings, [p.data.level]: n.ratings[p.data.level] + 1 };
        const prev = p.data.previousLevel;
        if (prev) ratings[prev] = Math.max(0, ratings[prev] - 1);
        n.ratings = ratings;
        n.updatedAt = e.occurredAt;
        break;
      }
      case "membership.target.set": {
        const p = membershipEventSchemas[e.type].safeParse(e.payload);
        if (!p.success || p.data.year !== n.year) break;
        // Only a target set for a row's own organization replaces that row's plan.
        const i = n.rows.findIndex((r) => r.orgPath === e.orgPath);
        if (i < 0) break;
        n.rows = n.rows.map((r, j) => (j === i ? { ...r, plan: p.data.admissions } : r));
        n.updatedAt = e.occurredAt;
        break;
      }
    }
  }
  return next ?? state;
}

/** How far back the ratings panel looks for approved ratings before giving up. */
export const RATING_LOOKBACK_YEARS = 5;

export function ratingTotal(s: Pick<KpiState, "ratings">): number {
  return RATING_LEVELS.reduce((sum, l) => sum + s.ratings[l], 0);
}

/**
 * One step of choosing the year the ratings panel opens on. Members are rated at the end of the year,
 * so the current year shows all zeros for most of it: start from the current year and step back to the
 * latest year with approved ratings; if none has any within the lookback, the previous year.
 */
export function nextRatingYear(currentYear: number, probed: number, total: number): { year: number; settled: boolean } {
  if (total > 0) return { year: probed, settled: true };
  if (probed > currentYear - RATING_LOOKBACK_YEARS) return { year: probed - 1, settled: false };
  return { year: currentYear - 1, settled: true };
}
