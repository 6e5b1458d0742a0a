import { z } from "zod";
import { idSchema, orgPathSchema, yearSchema } from "../schemas.js";
import { ratingLevelSchema, ratingViewSchema } from "./rating-view.js";

export const selfAssessRatingInputSchema = z.discriminatedUnion(
  "subjectKind",
  [
    z.object({ subjectKind: z.literal("member"), memberId: idSchema, year: yearSchema, level: ratingLevelSchema }),
    z.object({ subjectKind: z.literal("organization"), orgPath: orgPathSchema, year: yearSchema, level: ratingLevelSchema }),
  ],
  { message: "subjectKind must be member or organization" },
);
export const selfAssessRatingOutputSchema = ratingViewSchema;

export type SelfAssessRatingInput = z.input<typeof selfAssessRatingInputSchema>;
export type SelfAssessRatingOutput = z.output<typeof selfAssessRatingOutputSchema>;
