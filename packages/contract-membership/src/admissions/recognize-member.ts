import { z } from "zod";
import { PROBATION_OUTCOMES } from "../enums.js";
import { memberViewSchema } from "../records.js";
import { cellVoteSchema, idSchema, isoDateSchema, optionalText } from "../schemas.js";

export const recognizeMemberInputSchema = z.object({
  memberId: idSchema,
  outcome: z.enum(PROBATION_OUTCOMES, { message: `must be one of ${PROBATION_OUTCOMES.join(", ")}` }),
  /** Date of the cell's resolution. */
  decidedOn: isoDateSchema,
  /** The new-member course (lớp bồi dưỡng đảng viên mới): required for recognition. */
  newMemberCourseCompletedOn: isoDateSchema.optional(),
  cellVote: cellVoteSchema.optional(),
  /** Required when not recognized. */
  reason: optionalText(1000),
});
export const recognizeMemberOutputSchema = memberViewSchema.extend({ late: z.boolean() });

export type RecognizeMemberInput = z.input<typeof recognizeMemberInputSchema>;
export type RecognizeMemberOutput = z.output<typeof recognizeMemberOutputSchema>;
