import { type z } from "zod";
import { orgPathSchema, pageOf, paginationInputSchema, yearSchema } from "../schemas.js";
import { programSummarySchema } from "./program-view.js";

export const listProgramsInputSchema = paginationInputSchema.extend({
  /** Programs of bodies inside this subtree (intersected with the caller's scope). */
  orgPath: orgPathSchema.optional(),
  year: yearSchema.optional(),
});
export const listProgramsOutputSchema = pageOf(programSummarySchema);

export type ListProgramsInput = z.input<typeof listProgramsInputSchema>;
export type ListProgramsOutput = z.output<typeof listProgramsOutputSchema>;
