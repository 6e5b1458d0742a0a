// A plan as the service answers it: its header and the counts of its unit changes.
import { z } from "zod";
import { PLAN_STATUSES } from "../enums.js";

const count = z.number().int().nonnegative();

export const planViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  /** yyyy-mm-dd: the first day of the new units */
  effectiveOn: z.string(),
  fromEdition: z.string(),
  toEdition: z.string(),
  /** "official-2025" for the plan loaded from packages/admin-units' mapping */
  origin: z.string().nullable(),
  changes: z.object({ merge: count, rename: count, split: count, abolishLevel: count }),
  /** units before and after, by level */
  provinces: z.object({ before: count, after: count }),
  communes: z.object({ before: count, after: count }),
  createdAt: z.string(),
  /** 1.3: the new province whose part this view shows (a provincial board sees its own only); null: the whole plan */
  part: z.string().nullable(),
  /**
   * 1.10: the caller's paths whose subtree this view is restricted to (a board below its province committee: a
   * district's or a commune's); null: the province's part or the whole plan. Counts only the unit changes of its
   * own old units (their sources narrowed to those), and its own province's.
   */
  subtree: z.array(z.string()).nullable(),
});
export type PlanView = z.infer<typeof planViewSchema>;
