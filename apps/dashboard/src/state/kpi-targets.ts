import type { AnnualReportOutput } from "@orgboard/contract-membership";

/**
 * The two targets of Resolution 21-NQ/TW (2022) the boards report against (docs/kpis.md):
 * - admissions of the year ≥ 3 % of the members at 31/12 of the previous year (`admissionRate`);
 * - more than 90 % of the members rated "good" or better (`memberRatings.goodOrBetterShare`, base: those rated).
 * Compared on numerators and denominators in integers (docs/kpis.md "Ratios"), never on rounded floats:
 * 299 admissions of 9,967 members (2.9999 %) fails, 300 passes.
 */
export const NQ21 = { admissionRateMinPercent: 3, goodOrBetterAbovePercent: 90 } as const;

/** How many years the trend shows, the chosen one included. */
export const TREND_YEARS = 5;

export type TargetOutcome = "met" | "not_met" | "no_data";

export interface TargetFigure {
  numerator: number;
  denominator: number;
  outcome: TargetOutcome;
}

export function admissionTarget(admissions: number, membersAtStart: number): TargetFigure {
  const outcome = membersAtStart <= 0 ? "no_data" : 100 * admissions >= NQ21.admissionRateMinPercent * membersAtStart ? "met" : "not_met";
  return { numerator: admissions, denominator: membersAtStart, outcome };
}

export function ratingTarget(goodOrBetter: number, rated: number): TargetFigure {
  const outcome = rated <= 0 ? "no_data" : 100 * goodOrBetter > NQ21.goodOrBetterAbovePercent * rated ? "met" : "not_met";
  return { numerator: goodOrBetter, denominator: rated, outcome };
}

export interface UnitTargets {
  orgPath: string;
  name: string;
  year: number;
  admission: TargetFigure;
  rating: TargetFigure;
}

/** Both targets from `membership.kpi.report` (the annual report's own figures). */
export function unitTargets(r: AnnualReportOutput): UnitTargets {
  return {
    orgPath: r.orgPath,
    name: r.orgName,
    year: r.year,
    admission: admissionTarget(r.admissions.count, r.members.atStartOfYear),
    rating: ratingTarget(r.ratings.members.goodOrBetter, r.ratings.members.total),
  };
}

/** The trend's years, oldest first, ending with `year`. */
export function trendYears(year: number): number[] {
  return Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
}

/** A ratio as a percentage with `decimals` digits, rounded half up in integer arithmetic ("4,12 %" style input). */
export function percentValue(f: TargetFigure, decimals = 2): number | null {
  if (f.denominator <= 0) return null;
  const scale = 10 ** decimals;
  return Math.floor((200 * scale * f.numerator + f.denominator) / (2 * f.denominator)) / scale;
}
