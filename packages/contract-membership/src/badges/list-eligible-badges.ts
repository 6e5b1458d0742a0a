import { z } from "zod";
import { isoDateSchema, orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const listEligibleBadgesInputSchema = paginationInputSchema.extend({
  orgPath: orgPathSchema.optional(),
  /** The presentation date considered (default today): members whose party age reaches a level by then. */
  on: isoDateSchema.optional(),
});
export const eligibleBadgeSchema = z.object({
  memberId: z.number().int(),
  fullName: z.string(),
  orgPath: z.string(),
  /** badge level due (years of party age), higher than any awarded, not yet proposed */
  years: z.number().int(),
  reachedOn: z.string(),
  /** the presentation occasion (3/2, 19/5, 2/9, 7/11) on or after reachedOn */
  occasion: z.string(),
});
export const listEligibleBadgesOutputSchema = pageOf(eligibleBadgeSchema).extend({ on: z.string() });

export type EligibleBadge = z.output<typeof eligibleBadgeSchema>;
export type ListEligibleBadgesInput = z.input<typeof listEligibleBadgesInputSchema>;
export type ListEligibleBadgesOutput = z.output<typeof listEligibleBadgesOutputSchema>;
