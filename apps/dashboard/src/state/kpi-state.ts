import { membershipEventPayloads, RATING_LEVELS, type KpiRow, type KpiSummary, type RatingLevel } from "../api/membership-schemas.js";
import { advance, isApplied, type EventEnvelope, type Watermarks } from "./envelope.js";

export interface KpiState {
  orgPath: string;
  year: number;
  rows: readonly KpiRow[];
  ratings: Readonly<Record<RatingLevel, number>>;
  marks: Watermarks;
  updatedAt: string | null;
}

export function kpiFromSnapshot(s: KpiSummary): KpiState {
  const ratings = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  for (const r of s.ratings) ratings[r.level] += r.count;
  return { orgPath: s.orgPath, year: s.year, rows: s.rows, ratings, marks: s.lastEventId ? { membership: s.lastEventId } : {}, updatedAt: null };
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
    if (!Object.hasOwn(membershipEventPayloads, e.type)) continue;
    const n: KpiState = next ?? { ...state };
    next = n;
    n.marks = advance(n.marks, e);
    switch (e.type) {
      case "membership.admission.approved": {
        const p = membershipEventPayloads[e.type].safeParse(e.payload);
        if (!p.success || Number(p.data.admittedOn.slice(0, 4)) !== n.year) break;
        const i = rowIndexFor(n.rows, e.orgPath);
        if (i < 0) break;
        n.rows = n.rows.map((r, j) => (j === i ? { ...r, admitted: r.admitted + 1 } : r));
        n.updatedAt = e.occurredAt;
        break;
      }
      case "membership.rating.approved": {
        const p = membershipEventPayloads[e.type].safeParse(e.payload);
        if (!p.success || p.data.subjectKind !== "member" || p.data.year !== n.year) break;
        const ratings = { ...n.ratings, [p.data.level]: n.ratings[p.data.level] + 1 };
        const prev = p.data.previousLevel;
        if (prev) ratings[prev] = Math.max(0, ratings[prev] - 1);
        n.ratings = ratings;
        n.updatedAt = e.occurredAt;
        break;
      }
      case "membership.target.set": {
        const p = membershipEventPayloads[e.type].safeParse(e.payload);
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
