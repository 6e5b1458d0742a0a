import { z } from "zod";
import { BADGE_YEARS } from "../enums.js";
import { idSchema, isoDateSchema } from "../schemas.js";
import { badgeViewSchema, circumstanceSchema } from "./badge-view.js";

export const proposeBadgeInputSchema = z.object({
  memberId: idSchema,
  years: z.number().int().refine((y) => (BADGE_YEARS as readonly number[]).includes(y), { message: `must be a badge level: ${BADGE_YEARS.join(", ")}` }),
  /** Default today. The level must be reached by the next presentation occasion (allowing the early months of the circumstance). */
  proposedOn: isoDateSchema.optional(),
  /** seriously ill: up to 12 (70+ years: 24) months early; deceased: posthumously, up to 12 months early. */
  circumstance: circumstanceSchema,
});
export const proposeBadgeOutputSchema = badgeViewSchema;

export type ProposeBadgeInput = z.input<typeof proposeBadgeInputSchema>;
export type ProposeBadgeOutput = z.output<typeof proposeBadgeOutputSchema>;
