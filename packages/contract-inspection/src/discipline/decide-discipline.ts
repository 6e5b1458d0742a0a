import { z } from "zod";
import { DECIDING_BODY_KINDS, DISCIPLINE_FORMS, LIMITATION_EXEMPTIONS, VIOLATION_DEGREES } from "../enums.js";
import { bi, decisionNumberSchema, idSchema, isoDateSchema, longText, oneOf, orgPathSchema, subjectRefSchema } from "../schemas.js";
import { decisionViewSchema } from "./decision-view.js";

export const decideDisciplineInputSchema = z.object({
  subject: subjectRefSchema,
  /** A form of the subject's kind (member: reprimand…expulsion; organization: reprimand, warning, dissolution). */
  form: z.enum(DISCIPLINE_FORMS, { message: oneOf(DISCIPLINE_FORMS) }),
  /** The body that decides; checked against the form and the subject (competence). */
  decidedBy: z.object({
    kind: z.enum(DECIDING_BODY_KINDS, { message: oneOf(DECIDING_BODY_KINDS) }),
    orgPath: orgPathSchema,
    /** A grassroots committee authorized to decide admissions (hence expulsions). Default false. */
    authorizedToAdmit: z.boolean().optional(),
  }),
  decisionNumber: decisionNumberSchema,
  /** The cell's vote, or the other bodies' signature. */
  decidedOn: isoDateSchema,
  /** When the decision was announced to the subject (required for every body but a cell): it takes effect then. */
  announcedOn: isoDateSchema.optional(),
  degree: z.enum(VIOLATION_DEGREES, { message: oneOf(VIOLATION_DEGREES) }),
  /** When the violation happened (the statute of limitations runs from it). */
  violatedOn: isoDateSchema,
  /** A violation no limitation applies to, if it is one. */
  limitationExemption: z.enum(LIMITATION_EXEMPTIONS, { message: oneOf(LIMITATION_EXEMPTIONS) }).optional(),
  /** The violation concerns a task assigned by an upper level (a cell is then not competent). */
  upperLevelTask: z.boolean().optional(),
  /**
   * What membership does not know about a member and competence needs (until the personnel service
   * exists): committee seats (org paths of the committees they sit on), the committee that manages them
   * as a cadre, whether they hold a post (dismissal needs one).
   */
  memberRoles: z
    .object({
      committeeSeats: z.array(orgPathSchema).max(20, { message: bi("không quá 20", "at most 20") }).optional(),
      managedBy: orgPathSchema.nullable().optional(),
      holdsPost: z.boolean().optional(),
    })
    .optional(),
  reason: longText(4000),
  /** The inspection whose conclusion led to it, if any. */
  inspectionId: idSchema.optional(),
});
export const decideDisciplineOutputSchema = decisionViewSchema;

export type DecideDisciplineInput = z.input<typeof decideDisciplineInputSchema>;
export type DecideDisciplineOutput = z.output<typeof decideDisciplineOutputSchema>;
