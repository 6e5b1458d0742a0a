import { z } from "zod";
import { documentNumberSchema, idSchema, isoDateSchema } from "../schemas.js";
import { badgeViewSchema, circumstanceSchema } from "./badge-view.js";

export const awardBadgeInputSchema = z.object({
  badgeId: idSchema,
  awardedOn: isoDateSchema,
  decisionNumber: documentNumberSchema,
  circumstance: circumstanceSchema,
});
export const awardBadgeOutputSchema = badgeViewSchema;

export type AwardBadgeInput = z.input<typeof awardBadgeInputSchema>;
export type AwardBadgeOutput = z.output<typeof awardBadgeOutputSchema>;
