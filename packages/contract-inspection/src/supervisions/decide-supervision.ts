import { z } from "zod";
import { SUPERVISION_KINDS } from "../enums.js";
import { conductorSchema, decisionNumberSchema, idSchema, isoDateSchema, longText, oneOf, subjectRefSchema } from "../schemas.js";
import { supervisionViewSchema } from "./supervision-view.js";

export const decideSupervisionInputSchema = z.object({
  kind: z.enum(SUPERVISION_KINDS, { message: oneOf(SUPERVISION_KINDS) }),
  conductor: conductorSchema,
  subject: subjectRefSchema,
  /** A thematic supervision has a decision; a regular one may not. */
  decisionNumber: decisionNumberSchema.optional(),
  decidedOn: isoDateSchema,
  /** The theme, or what the regular supervision watches. */
  content: longText(4000),
  programItemId: idSchema.optional(),
});
export const decideSupervisionOutputSchema = supervisionViewSchema;

export type DecideSupervisionInput = z.input<typeof decideSupervisionInputSchema>;
export type DecideSupervisionOutput = z.output<typeof decideSupervisionOutputSchema>;
