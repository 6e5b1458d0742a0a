import { z } from "zod";
import { CASE_STATUSES, INSPECTION_KINDS } from "../enums.js";
import { caseListFilters, oneOf, pageOf, paginationInputSchema } from "../schemas.js";
import { inspectionViewSchema } from "./inspection-view.js";

export const listInspectionsInputSchema = paginationInputSchema.extend({
  ...caseListFilters,
  kind: z.enum(INSPECTION_KINDS, { message: oneOf(INSPECTION_KINDS) }).optional(),
  status: z.enum(CASE_STATUSES, { message: oneOf(CASE_STATUSES) }).optional(),
});
export const listInspectionsOutputSchema = pageOf(inspectionViewSchema);

export type ListInspectionsInput = z.input<typeof listInspectionsInputSchema>;
export type ListInspectionsOutput = z.output<typeof listInspectionsOutputSchema>;
