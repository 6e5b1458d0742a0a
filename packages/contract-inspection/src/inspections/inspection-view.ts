// An inspection (cuộc kiểm tra) as its procedures answer it: the case's details, for the commission only.
import { z } from "zod";
import { CASE_STATUSES, CONDUCTOR_KINDS, DISCIPLINE_FORMS, INSPECTION_KINDS, VIOLATION_DEGREES } from "../enums.js";
import { subjectViewSchema } from "../schemas.js";

export const inspectionViewSchema = z.object({
  id: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  status: z.enum(CASE_STATUSES),
  conductor: z.object({ kind: z.enum(CONDUCTOR_KINDS), orgPath: z.string() }),
  subject: subjectViewSchema,
  decisionNumber: z.string(),
  decidedOn: z.string(),
  content: z.string(),
  plannedEndOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  concludedOn: z.string().nullable(),
  /** Findings of the conclusion (null until concluded). */
  violation: z.boolean().nullable(),
  degree: z.enum(VIOLATION_DEGREES).nullable(),
  disciplineProposed: z.enum(DISCIPLINE_FORMS).nullable(),
  findings: z.string().nullable(),
  /** The supervision that found signs of violation and became this inspection. */
  supervisionId: z.string().nullable(),
  programItemId: z.string().nullable(),
  createdAt: z.string(),
});
export type InspectionView = z.infer<typeof inspectionViewSchema>;
