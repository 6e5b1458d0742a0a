import { z } from "zod";
import { RATING_LEVELS, RATING_STAGES, RATING_SUBJECT_KINDS } from "../enums.js";

export const ratingViewSchema = z.object({
  id: z.number().int(),
  subjectKind: z.enum(RATING_SUBJECT_KINDS),
  memberId: z.number().int().nullable(),
  orgId: z.number().int().nullable(),
  /** the member's organization when rated, or the rated organization */
  orgPath: z.string(),
  year: z.number().int(),
  level: z.enum(RATING_LEVELS),
  stage: z.enum(RATING_STAGES),
  locked: z.boolean(),
  updatedAt: z.string(),
});
export type RatingView = z.infer<typeof ratingViewSchema>;

/** A rating level as an input: the message lists the levels. */
export const ratingLevelSchema = z.enum(RATING_LEVELS, { message: `must be one of ${RATING_LEVELS.join(", ")}` });
