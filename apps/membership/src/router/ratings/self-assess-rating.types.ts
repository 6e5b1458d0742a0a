import { z } from "zod";
import { RATING_LEVELS } from "../../domain/enums.js";
import { idSchema, orgPathSchema, yearSchema } from "../schemas.js";
import { ratingViewSchema } from "./rating-view.js";

const level = z.enum(RATING_LEVELS, { message: `must be one of ${RATING_LEVELS.join(", ")}` });

export const ZSelfAssessRatingInput = z.discriminatedUnion(
  "subjectKind",
  [
    z.object({ subjectKind: z.literal("member"), memberId: idSchema, year: yearSchema, level }),
    z.object({ subjectKind: z.literal("organization"), orgPath: orgPathSchema, year: yearSchema, level }),
  ],
  { message: "subjectKind must be member or organization" },
);
export const ZSelfAssessRatingOutput = ratingViewSchema;
