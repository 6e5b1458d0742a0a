// A supervision (cuộc giám sát) as its procedures answer it: the case's details, for the commission only.
import { z } from "zod";
import { CASE_STATUSES, CONDUCTOR_KINDS, SUPERVISION_KINDS } from "../enums.js";
import { subjectViewSchema } from "../schemas.js";

export const supervisionViewSchema = z.object({
  id: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  status: z.enum(CASE_STATUSES),
  conductor: z.object({ kind: z.enum(CONDUCTOR_KINDS), orgPath: z.string() }),
  subject: subjectViewSchema,
  decisionNumber: z.string().nullable(),
  decidedOn: z.string(),
  content: z.string(),
  concludedOn: z.string().nullable(),
  signsOfViolation: z.boolean().nullable(),
  findings: z.string().nullable(),
  /** The inspection opened because this supervision found signs of violation. */
  inspectionId: z.string().nullable(),
  programItemId: z.string().nullable(),
  createdAt: z.string(),
});
export type SupervisionView = z.infer<typeof supervisionViewSchema>;
