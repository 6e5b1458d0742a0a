import { z } from "zod";
import { RATING_LEVELS } from "../enums.js";
import { restructuringNoticeSchema } from "../restructuring/notice.js";
import { orgPathSchema, yearSchema } from "../schemas.js";

export const kpiSummaryInputSchema = z.object({
  /** "/" = the country: one row per province-level committee. */
  orgPath: orgPathSchema,
  year: yearSchema,
});
/** Read by the dashboard's KPI panels (apps/dashboard/src/state/kpi-state.ts), then kept live by the events. */
export const kpiSummaryOutputSchema = z.object({
  orgPath: z.string(),
  year: z.number().int(),
  /** One row per child organization (a province at national level, a committee inside a province). */
  rows: z.array(z.object({ orgPath: z.string(), name: z.string(), admitted: z.number().int(), plan: z.number().int() })),
  /** Approved member ratings of the year in the subtree. */
  ratings: z.array(z.object({ level: z.enum(RATING_LEVELS), count: z.number().int() })),
  /** The outbox position this snapshot includes: apply stream events with a higher id on top of it. */
  lastEventId: z.string().nullable(),
  /** (2.7) set while part of the scope is being restructured (đang sắp xếp): its figures are not final */
  restructuring: restructuringNoticeSchema.nullable().optional(),
});

export type KpiSummaryInput = z.input<typeof kpiSummaryInputSchema>;
export type KpiSummaryOutput = z.output<typeof kpiSummaryOutputSchema>;
