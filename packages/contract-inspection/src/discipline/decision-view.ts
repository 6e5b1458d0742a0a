// A discipline decision (quyết định kỷ luật) with its appeals and where its effect elsewhere stands.
import { z } from "zod";
import { APPEAL_OUTCOMES, DECIDING_BODY_KINDS, DECISION_STATUSES, DISCIPLINE_FORMS, EFFECT_STATUSES, VIOLATION_DEGREES } from "../enums.js";
import { subjectViewSchema } from "../schemas.js";

export const appealViewSchema = z.object({
  id: z.string(),
  decisionId: z.string(),
  lodgedOn: z.string(),
  /** The last day the appeal could be lodged. */
  lodgeDeadlineOn: z.string(),
  /** The last day the competent body must decide it. */
  decideDeadlineOn: z.string(),
  content: z.string(),
  decidedOn: z.string().nullable(),
  outcome: z.enum(APPEAL_OUTCOMES).nullable(),
  newForm: z.enum(DISCIPLINE_FORMS).nullable(),
  decidedByOrgPath: z.string().nullable(),
  decisionNumber: z.string().nullable(),
});
export type AppealView = z.infer<typeof appealViewSchema>;

export const decisionViewSchema = z.object({
  id: z.string(),
  subject: subjectViewSchema,
  form: z.enum(DISCIPLINE_FORMS),
  decisionNumber: z.string(),
  decidedOn: z.string(),
  effectiveOn: z.string(),
  degree: z.enum(VIOLATION_DEGREES),
  violatedOn: z.string(),
  announcedOn: z.string().nullable(),
  decidedBy: z.object({ kind: z.enum(DECIDING_BODY_KINDS), orgPath: z.string() }),
  reason: z.string(),
  inspectionId: z.string().nullable(),
  status: z.enum(DECISION_STATUSES),
  effect: z.object({
    status: z.enum(EFFECT_STATUSES),
    /** Why the other service refused it (e.g. member_not_active), when refused or resolved. */
    reason: z.string().nullable(),
    message: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
  appeals: z.array(appealViewSchema),
  createdAt: z.string(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;
