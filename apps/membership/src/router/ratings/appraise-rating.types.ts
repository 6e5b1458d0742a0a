import { z } from "zod";
import { RATING_LEVELS } from "../../domain/enums.js";
import { idSchema } from "../schemas.js";
import { ratingViewSchema } from "./rating-view.js";

export const ZAppraiseRatingInput = z.object({
  id: idSchema,
  /** The proposed level after appraisal (default: keep the self-assessed one). */
  level: z.enum(RATING_LEVELS, { message: `must be one of ${RATING_LEVELS.join(", ")}` }).optional(),
});
export const ZAppraiseRatingOutput = ratingViewSchema;
