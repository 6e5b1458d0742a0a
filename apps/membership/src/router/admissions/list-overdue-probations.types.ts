import { z } from "zod";
import { isoDateSchema, orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const ZListOverdueProbationsInput = paginationInputSchema.extend({
  orgPath: orgPathSchema.optional(),
  /** Default today. */
  asOf: isoDateSchema.optional(),
  /**
   * false (default): every probation that has ended without a decision; true: only those past the
   * 30-working-day review deadline.
   */
  onlyOverdue: z.boolean().default(false),
});
export const ZProbationItem = z.object({
  memberId: z.number().int(),
  fullName: z.string(),
  orgPath: z.string(),
  admittedOn: z.string(),
  /** end of probation = the official date if recognized */
  dueOn: z.string(),
  reviewDeadline: z.string(),
  stage: z.enum(["awaiting_decision", "overdue"]),
  daysPastDue: z.number().int(),
});
export const ZListOverdueProbationsOutput = pageOf(ZProbationItem).extend({ asOf: z.string() });
