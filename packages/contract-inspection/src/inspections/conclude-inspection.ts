import { z } from "zod";
import { DISCIPLINE_FORMS, VIOLATION_DEGREES } from "../enums.js";
import { bi, idSchema, isoDateSchema, longText, oneOf } from "../schemas.js";
import { inspectionViewSchema } from "./inspection-view.js";

export const concludeInspectionInputSchema = z.object({
  inspectionId: idSchema,
  concludedOn: isoDateSchema,
  violation: z.boolean({ message: bi("phải là true hoặc false", "must be true or false") }),
  /** Required with a violation, absent without one. */
  degree: z.enum(VIOLATION_DEGREES, { message: oneOf(VIOLATION_DEGREES) }).optional(),
  /** The discipline the conclusion proposes (a form fitting the subject), if any. */
  disciplineProposed: z.enum(DISCIPLINE_FORMS, { message: oneOf(DISCIPLINE_FORMS) }).optional(),
  findings: longText(20_000),
});
export const concludeInspectionOutputSchema = inspectionViewSchema;

export type ConcludeInspectionInput = z.input<typeof concludeInspectionInputSchema>;
export type ConcludeInspectionOutput = z.output<typeof concludeInspectionOutputSchema>;
