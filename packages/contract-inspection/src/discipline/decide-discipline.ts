import { z } from "zod";
import { DISCIPLINE_FORMS, VIOLATION_DEGREES } from "../enums.js";
import { conductorSchema, decisionNumberSchema, idSchema, isoDateSchema, longText, oneOf, subjectRefSchema } from "../schemas.js";
import { decisionViewSchema } from "./decision-view.js";

export const decideDisciplineInputSchema = z.object({
  subject: subjectRefSchema,
  /** A form of the subject's kind (member: reprimand…expulsion; organization: reprimand, warning, dissolution). */
  form: z.enum(DISCIPLINE_FORMS, { message: oneOf(DISCIPLINE_FORMS) }),
  /** The competent body that decides; checked against the form and the subject (competence). */
  decidedBy: conductorSchema,
  decisionNumber: decisionNumberSchema,
  decidedOn: isoDateSchema,
  degree: z.enum(VIOLATION_DEGREES, { message: oneOf(VIOLATION_DEGREES) }),
  /** When the violation happened (the statute of limitations runs from it). */
  violationOn: isoDateSchema,
  reason: longText(4000),
  /** The inspection whose conclusion led to it, if any. */
  inspectionId: idSchema.optional(),
});
export const decideDisciplineOutputSchema = decisionViewSchema;

export type DecideDisciplineInput = z.input<typeof decideDisciplineInputSchema>;
export type DecideDisciplineOutput = z.output<typeof decideDisciplineOutputSchema>;
