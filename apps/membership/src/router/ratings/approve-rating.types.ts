import { z } from "zod";
import { RATING_LEVELS } from "../../domain/enums.js";
import { documentNumberSchema, idSchema } from "../schemas.js";
import { ratingViewSchema } from "./rating-view.js";

export const ZApproveRatingInput = z
  .object({
    id: idSchema,
    /** The decided level (default: the proposed one). */
    level: z.enum(RATING_LEVELS, { message: `must be one of ${RATING_LEVELS.join(", ")}` }).optional(),
    /**
     * The competent level's decision allowing more "excellent" than 20% of "good" for outstanding
     * results (Quy định 124-QĐ/TW, Art. 12): its number.
     */
    capExceptionDecision: documentNumberSchema.optional(),
  });
export const ZApproveRatingOutput = ratingViewSchema.extend({
  /** the comparable group the excellent cap was checked over, and its counts after this approval */
  capGroup: z.object({ path: z.string(), excellent: z.number().int(), good: z.number().int(), maxExcellent: z.number().int() }),
});
