// Confidence votes (lấy phiếu tín nhiệm), Quy định 96-QĐ/TW (2/2/2023): three levels (high confidence,
// confidence, low confidence); the session is valid with at least 2/3 of those summoned present; more
// than 1/2 but less than 2/3 low → out of planning for higher posts, and leaving the post, another post or
// resignation is considered; 2/3 or more low → dismissal from the post (miễn nhiệm) without waiting for the
// term's end. The share is of the people present (our reading; see docs/personnel.md). Integer arithmetic:
// no rounding decides an outcome.
import type { ConfidenceOutcome } from "@orgboard/contract-personnel";
import { percentOf } from "./planning.js";

export interface Tally {
  high: number;
  medium: number;
  low: number;
}

/** At least two thirds of those summoned are present. */
export function hasQuorum(summoned: number, present: number): boolean {
  return present * 3 >= summoned * 2;
}

export function confidenceOutcome(t: Tally, present: number): ConfidenceOutcome {
  if (present <= 0) return "none";
  if (t.low * 3 >= present * 2) return "dismissal_proposed";
  if (t.low * 2 > present) return "resignation_proposed";
  return "none";
}

export function lowPercent(t: Tally, present: number): number {
  return percentOf(t.low, present) ?? 0;
}

/** An outcome that takes the holder out of planning for higher posts (both of 96's steps do). */
export const removesFromPlanning = (o: ConfidenceOutcome): boolean => o !== "none";
