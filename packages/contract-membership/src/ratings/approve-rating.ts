import { z } from "zod";
import { documentNumberSchema, idSchema } from "../schemas.js";
import { ratingLevelSchema, ratingViewSchema } from "./rating-view.js";

export const approveRatingInputSchema = z
  .object({
    id: idSchema,
    /** The decided level (default: the proposed one). */
    level: ratingLevelSchema.optional(),
    /**
     * The competent level's decision allowing more "excellent" than 20% of "good" for outstanding
     * results (Quy định 124-QĐ/TW, Art. 12): its number.
     */
    capExceptionDecision: documentNumberSchema.optional(),
  });
export const approveRatingOutputSchema = ratingViewSchema.extend({
  /** the comparable group the excellent cap was checked over, and its counts after this approval */
  capGroup: z.object({ path: z.string(), excellent: z.number().int(), good: z.number().int(), maxExcellent: z.number().int() }),
});

export type ApproveRatingInput = z.input<typeof approveRatingInputSchema>;
export type ApproveRatingOutput = z.output<typeof approveRatingOutputSchema>;
