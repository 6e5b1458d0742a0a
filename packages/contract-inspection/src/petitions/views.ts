// What the petitions procedures answer (khiếu nại, tố cáo; docs/inspection.md "Complaints and
// denunciations"). The petitioner's identity is never in a list and, in one petition, shown only to the
// inspectors assigned to it: everyone else in scope reads `{ visibility: "protected" }`.
import { z } from "zod";
import { PETITION_KINDS, PETITION_STATUSES, SUBJECT_KINDS } from "../enums.js";

/**
 * Why a petition is not handled (không xem xét, giải quyết), the domain's rule codes (QĐ 296-QĐ/TW 2025
 * Art. 19 for denunciations, Art. 23 for complaints; docs/inspection.md). The view carries the bilingual
 * text too (`notHandledMessage`).
 */
export const PETITION_NOT_HANDLED_REASONS = [
  "anonymous",
  "collective",
  "unspecific",
  "withdrawn",
  "repeated_without_new_content",
  "not_about_discipline",
  "appeal_on_behalf",
  "decision_not_received",
  "decision_refused",
  "complaint_out_of_time",
  "pending_or_final_above",
  "sentenced",
] as const;
export type PetitionNotHandledReason = (typeof PETITION_NOT_HANDLED_REASONS)[number];

/** The level of the body that settles (cấp giải quyết): it sets the deadline. Upper-grassroots committees count as district. */
export const PETITION_SETTLEMENT_LEVELS = ["central", "provincial", "district", "grassroots"] as const;
export type PetitionSettlementLevel = (typeof PETITION_SETTLEMENT_LEVELS)[number];

/** The settlement's finding: đúng / đúng một phần / sai (the same three for complaints and denunciations). */
export const PETITION_OUTCOMES = ["founded", "partly_founded", "unfounded"] as const;
export type PetitionOutcome = (typeof PETITION_OUTCOMES)[number];

const date = z.string();

export const petitionerIdentitySchema = z.object({
  name: z.string(),
  nationalId: z.string().nullable(),
  address: z.string().nullable(),
  contact: z.string().nullable(),
});
export type PetitionerIdentity = z.infer<typeof petitionerIdentitySchema>;

/** The petitioner as one caller may see it: anonymous, protected from this caller, or shown (assigned inspector). */
export const petitionerViewSchema = z.discriminatedUnion("visibility", [
  z.object({ visibility: z.literal("anonymous") }),
  z.object({ visibility: z.literal("protected") }),
  z.object({ visibility: z.literal("shown"), identity: petitionerIdentitySchema }),
]);
export type PetitionerView = z.infer<typeof petitionerViewSchema>;

export const petitionSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(PETITION_KINDS),
  status: z.enum(PETITION_STATUSES),
  /** The subject's organization (a member's when the petition was received): the petition's scope. */
  orgPath: z.string(),
  subjectKind: z.enum(SUBJECT_KINDS),
  memberId: z.number().int().nullable(),
  orgId: z.number().int().nullable(),
  subjectName: z.string(),
  receivedOn: date,
  anonymous: z.boolean(),
  /** The organization whose committee or commission settles it. */
  handlerOrgPath: z.string(),
  level: z.enum(PETITION_SETTLEMENT_LEVELS),
  notHandledReason: z.enum(PETITION_NOT_HANDLED_REASONS).nullable(),
  /** The reason in words, Vietnamese then English. */
  notHandledMessage: z.string().nullable(),
  /** Settlement deadline in working days from receipt (holidays as data); null when not handled. */
  dueOn: date.nullable(),
  /** The day a denunciation's deadline was extended (once), or null. */
  extendedOn: date.nullable(),
  startedOn: date.nullable(),
  settledOn: date.nullable(),
  /** Settled after `dueOn`, or still open past it today. */
  late: z.boolean(),
  /** Is the caller one of the assigned inspectors? */
  assignedToMe: z.boolean(),
});
export type PetitionSummary = z.infer<typeof petitionSummarySchema>;

export const petitionAssigneeSchema = z.object({ userId: z.string(), name: z.string(), assignedOn: date, assignedBy: z.string() });

export const petitionViewSchema = petitionSummarySchema.extend({
  content: z.string(),
  /** The discipline decision a complaint is about. */
  decisionId: z.string().nullable(),
  petitioner: petitionerViewSchema,
  assignees: z.array(petitionAssigneeSchema),
  outcome: z.enum(PETITION_OUTCOMES).nullable(),
  conclusion: z.string().nullable(),
  receivedBy: z.string(),
});
export type PetitionView = z.infer<typeof petitionViewSchema>;
