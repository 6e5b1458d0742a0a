import { z } from "zod";
import { DISCIPLINE_FORMS, EFFECT_STATUSES } from "../enums.js";
import { caseListFilters, oneOf, pageOf, paginationInputSchema } from "../schemas.js";
import { decisionViewSchema } from "./decision-view.js";

export const listDecisionsInputSchema = paginationInputSchema.extend({
  ...caseListFilters,
  form: z.enum(DISCIPLINE_FORMS, { message: oneOf(DISCIPLINE_FORMS) }).optional(),
  /** e.g. "refused": the effects an officer has to settle. */
  effectStatus: z.enum(EFFECT_STATUSES, { message: oneOf(EFFECT_STATUSES) }).optional(),
});
export const listDecisionsOutputSchema = pageOf(decisionViewSchema);

export type ListDecisionsInput = z.input<typeof listDecisionsInputSchema>;
export type ListDecisionsOutput = z.output<typeof listDecisionsOutputSchema>;
