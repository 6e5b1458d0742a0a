import { z } from "zod";
import { REMOVAL_KINDS } from "../enums.js";
import { memberViewSchema } from "../records.js";
import { documentNumberSchema, idSchema, isoDateSchema, requiredText } from "../schemas.js";

export const removeMemberInputSchema = z.object({
  memberId: idSchema,
  /** expelled (khai trừ), struck_off (xóa tên), allowed_to_leave (cho ra khỏi Đảng) */
  kind: z.enum(REMOVAL_KINDS, { message: `must be one of ${REMOVAL_KINDS.join(", ")}` }),
  removedOn: isoDateSchema,
  decisionNumber: documentNumberSchema,
  reason: requiredText(1000),
});
export const removeMemberOutputSchema = memberViewSchema;

export type RemoveMemberInput = z.input<typeof removeMemberInputSchema>;
export type RemoveMemberOutput = z.output<typeof removeMemberOutputSchema>;
