import { z } from "zod";
import { isoDateSchema, orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const listOverdueProbationsInputSchema = paginationInputSchema.extend({
  orgPath: orgPathSchema.optional(),
  /** Default today. */
  asOf: isoDateSchema.optional(),
  /**
   * false (default): every probation that has ended without a decision; true: only those past the
   * 30-working-day review deadline.
   */
  onlyOverdue: z.boolean().default(false),
});
export const probationItemSchema = z.object({
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
export const listOverdueProbationsOutputSchema = pageOf(probationItemSchema).extend({ asOf: z.string() });

export type ListOverdueProbationsInput = z.input<typeof listOverdueProbationsInputSchema>;
export type ListOverdueProbationsOutput = z.output<typeof listOverdueProbationsOutputSchema>;
export type ProbationItem = z.output<typeof probationItemSchema>;
