import { z } from "zod";
import { APPEAL_OUTCOMES, DISCIPLINE_FORMS } from "../enums.js";
import { decisionNumberSchema, idSchema, isoDateSchema, oneOf, orgPathSchema } from "../schemas.js";
import { decisionViewSchema } from "./decision-view.js";

export const decideAppealInputSchema = z.object({
  appealId: idSchema,
  decidedOn: isoDateSchema,
  outcome: z.enum(APPEAL_OUTCOMES, { message: oneOf(APPEAL_OUTCOMES) }),
  /** Required when the outcome is "changed": the new form. */
  newForm: z.enum(DISCIPLINE_FORMS, { message: oneOf(DISCIPLINE_FORMS) }).optional(),
  /** The higher body that settles the appeal. */
  decidedByOrgPath: orgPathSchema,
  decisionNumber: decisionNumberSchema,
});
export const decideAppealOutputSchema = decisionViewSchema;

export type DecideAppealInput = z.input<typeof decideAppealInputSchema>;
export type DecideAppealOutput = z.output<typeof decideAppealOutputSchema>;
