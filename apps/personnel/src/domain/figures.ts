// Year-on-year figures for the boards (the seed reports speak so: "713 people, up 31.3% on 2022").
import type { ConfidenceOutcome } from "@orgboard/contract-personnel";

/** Change from `previous` to `current` in percent, one decimal, half away from zero; null when previous is 0. */
export function changePercent(current: number, previous: number): number | null {
  if (previous === 0) return null;
  const tenths = ((current - previous) * 1000) / previous;
  return (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10;
}

export interface OutcomeCounts {
  sessions: number;
  holders: number;
  kept: number;
  resignationProposed: number;
  dismissalProposed: number;
}

/** Counts of confidence-vote outcomes: "kept" is a tally calling for nothing (outcome none). */
export function outcomeCounts(sessions: number, outcomes: readonly ConfidenceOutcome[]): OutcomeCounts {
  const c: OutcomeCounts = { sessions, holders: outcomes.length, kept: 0, resignationProposed: 0, dismissalProposed: 0 };
  for (const o of outcomes) {
    if (o === "none") c.kept++;
    else if (o === "resignation_proposed") c.resignationProposed++;
    else c.dismissalProposed++;
  }
  return c;
}
