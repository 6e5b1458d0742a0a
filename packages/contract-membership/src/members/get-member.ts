import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { idSchema } from "../schemas.js";

export const getMemberInputSchema = z.object({ id: idSchema });
export const getMemberOutputSchema = memberViewSchema;

export type GetMemberInput = z.input<typeof getMemberInputSchema>;
export type GetMemberOutput = z.output<typeof getMemberOutputSchema>;
