import { z } from "zod";

// What the KPI panels read from apps/membership (see docs/dashboard.md, "What the dashboard expects").
export const RATING_LEVELS = ["excellent", "good", "completed", "not_completed"] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const kpiRowSchema = z.object({
  /** The child organization this row sums (a province at national level, a committee inside a province). */
  orgPath: z.string(),
  name: z.string(),
  admitted: z.number().int().nonnegative(),
  plan: z.number().int().nonnegative(),
});
export type KpiRow = z.infer<typeof kpiRowSchema>;

/** `membership.kpi.summary({ orgPath, year })` */
export const kpiSummarySchema = z.object({
  orgPath: z.string(),
  year: z.number().int(),
  rows: z.array(kpiRowSchema),
  ratings: z.array(z.object({ level: z.enum(RATING_LEVELS), count: z.number().int().nonnegative() })),
  lastEventId: z.string().nullish(),
});
export type KpiSummary = z.infer<typeof kpiSummarySchema>;

export const membershipEventPayloads = {
  /** A member was admitted (kết nạp) in the organization at the envelope's orgPath. */
  "membership.admission.approved": z.object({ admittedOn: z.string() }),
  /** A yearly rating of a member was approved; `previousLevel` when it replaced an earlier approval. */
  "membership.rating.approved": z.object({
    subjectKind: z.enum(["member", "organization"]),
    year: z.number().int(),
    level: z.enum(RATING_LEVELS),
    previousLevel: z.enum(RATING_LEVELS).nullish(),
  }),
  /** The admission target of the organization at orgPath for a year. */
  "membership.target.set": z.object({ year: z.number().int(), admissions: z.number().int().nonnegative() }),
} as const;
