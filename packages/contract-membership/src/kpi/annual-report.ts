import { z } from "zod";
import { restructuringNoticeSchema } from "../restructuring/notice.js";
import { orgPathSchema, yearSchema } from "../schemas.js";

export const annualReportInputSchema = z.object({ orgPath: orgPathSchema, year: yearSchema });

const int = z.number().int();
/** a percentage rounded half up to 2 decimals (docs/kpis.md); null when its denominator is 0 or absent */
const pct = z.number().nullable();

export const ratingDistributionSchema = z.object({
  excellent: int,
  good: int,
  completed: int,
  notCompleted: int,
  total: int,
  goodOrBetter: int,
  /** (excellent + good) / total × 100, 2 decimals; null when nobody was rated */
  goodOrBetterPercent: pct,
});
export type RatingDistribution = z.output<typeof ratingDistributionSchema>;

/**
 * The annual party-building report of a subtree, as the service's data layer computes it (also for
 * `pnpm orgboard report annual`); definitions in docs/kpis.md.
 */
export const annualReportOutputSchema = z.object({
  orgPath: z.string(),
  orgName: z.string(),
  year: int,
  /** 31/12 of the year (ISO) */
  asOf: z.string(),
  members: z.object({
    /** members at 31/12 of the previous year */
    atStartOfYear: int,
    /** members at 31/12 of the year (= total members) */
    atEndOfYear: int,
    /** membership periods started / ended in the subtree during the year (admissions, transfers, …) */
    joined: int,
    left: int,
  }),
  admissions: z.object({
    count: int,
    /** the scope organization's own admissions plan for the year; null = none */
    plan: int.nullable(),
    /** count / plan × 100 */
    planPercent: pct,
    /** count / members at 31/12 of the previous year × 100 */
    ratePercent: pct,
  }),
  madeOfficial: int,
  notRecognized: int,
  cardsIssued: int,
  transfers: z.object({ officialIn: int, officialOut: int, temporaryIn: int, temporaryOut: int }),
  badges: z.object({ proposed: int, awarded: int }),
  removals: z.object({ expelled: int, struckOff: int, allowedToLeave: int, total: int }),
  deaths: int,
  ratings: z.object({ members: ratingDistributionSchema, organizations: ratingDistributionSchema }),
  structure: z.object({
    /** tổ chức cơ sở đảng */
    grassrootsTotal: int,
    upperGrassrootsCommittees: int,
    grassrootsCommittees: int,
    grassrootsCells: int,
    partialCommittees: int,
    cellsUnderPartialCommittees: int,
    cellsUnderGrassrootsCommittees: int,
    /** every chi bộ trực thuộc */
    subordinateCells: int,
  }),
  totalMembers: int,
  /** set once the year is closed (kpi.closeYear): the figures above are then the published ones */
  closed: z.object({ closedOn: z.string(), closedBy: z.string() }).nullable().optional(),
  /**
   * Of a closed year: every figure that entries dated in the year, recorded after it was closed, changed
   * (amendments), with the published and the amended value side by side; empty when nothing changed.
   * `figure` is the field's path in this report, e.g. "admissions.count".
   */
  amendments: z.array(z.object({ figure: z.string(), published: z.number().nullable(), amended: z.number().nullable() })).optional(),
  /** (2.7) set while part of the scope is being restructured (đang sắp xếp): its figures are not final */
  restructuring: restructuringNoticeSchema.nullable().optional(),
});

export type AnnualReportInput = z.input<typeof annualReportInputSchema>;
export type AnnualReportOutput = z.output<typeof annualReportOutputSchema>;
