import { z } from "zod";
import { RATING_LEVELS, RATING_STAGES, RATING_SUBJECT_KINDS } from "../enums.js";
import { orgPathSchema, pageOf, paginationInputSchema, yearSchema } from "../schemas.js";
import { ratingViewSchema } from "./rating-view.js";

export const listRatingsInputSchema = paginationInputSchema.extend({
  orgPath: orgPathSchema.optional(),
  year: yearSchema,
  subjectKind: z.enum(RATING_SUBJECT_KINDS).optional(),
  stage: z.enum(RATING_STAGES).optional(),
  level: z.enum(RATING_LEVELS).optional(),
});
export const listRatingsOutputSchema = pageOf(ratingViewSchema.extend({ subjectName: z.string() }));

export type ListRatingsInput = z.input<typeof listRatingsInputSchema>;
export type ListRatingsOutput = z.output<typeof listRatingsOutputSchema>;
