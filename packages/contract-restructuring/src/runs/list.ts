// `restructuring.runs.list` (1.3): the plans in the caller's scope with their run's progress in a line, newest
// first, for the dashboard's picker (docs/dashboard.md, "Restructuring progress").
import { z } from "zod";
import { PLAN_STATUSES } from "../enums.js";
import { bi } from "../schemas.js";

const count = z.number().int().nonnegative();

export const listRunsInputSchema = z
  .object({
    /** at most this many plans (default 20) */
    limit: z.number({ message: bi("phải là số", "must be a number") }).int({ message: bi("phải là số nguyên", "must be an integer") }).min(1, { message: bi("ít nhất 1", "at least 1") }).max(100, { message: bi("tối đa 100", "at most 100") }).optional(),
  })
  .strict();
export type ListRunsInput = z.input<typeof listRunsInputSchema>;

export const runSummarySchema = z.object({
  planId: z.string(),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  /** yyyy-mm-dd */
  effectiveOn: z.string(),
  /** ISO time the plan was created */
  createdAt: z.string(),
  /** new provinces of the run (0 before runs.start), by state */
  provinces: z.object({ total: count, done: count, failed: count, running: count }),
  /**
   * (1.10) The new provinces `provinces` counts when the caller reads only its part of the plan: a board outside
   * the plan's scope whose province (its new committee, one of the old provinces' it is formed from, or a unit
   * below them) is in the started run; as `runs.get` answers it. (1.12) Before the run, the new province whose part
   * `plans.get` answers such a board (`provinces` then counts nothing). Null: the whole plan (the plan in the caller's scope).
   */
  part: z.array(z.string()).nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const listRunsOutputSchema = z.object({ runs: z.array(runSummarySchema) });
export type ListRunsOutput = z.infer<typeof listRunsOutputSchema>;
