import { z } from "zod";
import { CASE_STATUSES, SUPERVISION_KINDS } from "../enums.js";
import { caseListFilters, oneOf, pageOf, paginationInputSchema } from "../schemas.js";
import { supervisionViewSchema } from "./supervision-view.js";

export const listSupervisionsInputSchema = paginationInputSchema.extend({
  ...caseListFilters,
  kind: z.enum(SUPERVISION_KINDS, { message: oneOf(SUPERVISION_KINDS) }).optional(),
  status: z.enum(CASE_STATUSES, { message: oneOf(CASE_STATUSES) }).optional(),
});
export const listSupervisionsOutputSchema = pageOf(supervisionViewSchema);

export type ListSupervisionsInput = z.input<typeof listSupervisionsInputSchema>;
export type ListSupervisionsOutput = z.output<typeof listSupervisionsOutputSchema>;
