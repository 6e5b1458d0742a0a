import { z } from "zod";
import { INSPECTION_KINDS } from "../enums.js";
import { conductorSchema, decisionNumberSchema, idSchema, isoDateSchema, longText, oneOf, subjectRefSchema } from "../schemas.js";
import { inspectionViewSchema } from "./inspection-view.js";

export const decideInspectionInputSchema = z.object({
  kind: z.enum(INSPECTION_KINDS, { message: oneOf(INSPECTION_KINDS) }),
  /** The body that inspects; the subject lies inside its organization. */
  conductor: conductorSchema,
  subject: subjectRefSchema,
  /** The number of the decision to inspect (quyết định kiểm tra). */
  decisionNumber: decisionNumberSchema,
  decidedOn: isoDateSchema,
  content: longText(4000),
  plannedEndOn: isoDateSchema.optional(),
  /** The planned program item this inspection carries out, if any. */
  programItemId: idSchema.optional(),
});
export const decideInspectionOutputSchema = inspectionViewSchema;

export type DecideInspectionInput = z.input<typeof decideInspectionInputSchema>;
export type DecideInspectionOutput = z.output<typeof decideInspectionOutputSchema>;
