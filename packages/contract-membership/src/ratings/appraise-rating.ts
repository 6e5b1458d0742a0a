import { z } from "zod";
import { idSchema } from "../schemas.js";
import { ratingLevelSchema, ratingViewSchema } from "./rating-view.js";

export const appraiseRatingInputSchema = z.object({
  id: idSchema,
  /** The proposed level after appraisal (default: keep the self-assessed one). */
  level: ratingLevelSchema.optional(),
});
export const appraiseRatingOutputSchema = ratingViewSchema;

export type AppraiseRatingInput = z.input<typeof appraiseRatingInputSchema>;
export type AppraiseRatingOutput = z.output<typeof appraiseRatingOutputSchema>;
