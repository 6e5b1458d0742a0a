// Event types and payloads of `membership.events.stream` (what the realtime gateway relays to the
// dashboards' rooms). The envelope's orgPath is the organization concerned, so scoped readers and rooms
// route by prefix. Payloads carry ids, org paths, statuses, dates and levels: never names or national
// IDs (a stream reader needs no personal data to update a counter). The dashboard's KPI panels read the
// first three.
import { z } from "zod";
import { APPLIED_DECISION_FORMS, BADGE_YEARS, DECISION_REFUSAL_REASONS, DECISION_SOURCES, FILE_FORMATS, MEMBER_STATUSES, ORG_KINDS, RATING_LEVELS, RATING_STAGES, RATING_SUBJECT_KINDS, REMOVAL_KINDS, TRANSFER_KINDS } from "./enums.js";

const date = z.string();
const id = z.number().int();

export const membershipEventSchemas = {
  /** A candidate was admitted (kết nạp) in the cell at orgPath. */
  "membership.admission.approved": z.object({ admittedOn: date, memberId: id, candidateId: id }),
  /** A rating was approved (locked). `previousLevel` is always null: approvals are final. */
  "membership.rating.approved": z.object({
    ratingId: id,
    subjectKind: z.enum(RATING_SUBJECT_KINDS),
    year: z.number().int(),
    level: z.enum(RATING_LEVELS),
    previousLevel: z.enum(RATING_LEVELS).nullable(),
  }),
  /** The admissions plan of the organization at orgPath for a year. */
  "membership.target.set": z.object({ year: z.number().int(), admissions: z.number().int(), previous: z.number().int().nullable() }),
  /** The annual report of the subtree at orgPath for a year was closed (frozen as published). */
  "membership.year.closed": z.object({ year: z.number().int(), closedOn: date }),

  "membership.organization.created": z.object({ orgId: id, kind: z.enum(ORG_KINDS), parentPath: z.string(), openedOn: date }),
  "membership.organization.updated": z.object({ orgId: id, fields: z.array(z.string()) }),
  "membership.organization.closed": z.object({ orgId: id, closedOn: date }),
  /**
   * A restructuring step changed organizations (2.6): orgPath = the new province's committee (or "/");
   * `step` is mark | createOrgs | reparent | closeOrgs | reopenOrgs | restoreOrgs (2.9); `records` per kind of row changed. One event per step,
   * not one per organization (a province moves thousands at once; only the mark step's few committees are also
   * told each at its path, `membership.organization.marked`, 2.10); the old paths stay in audit and events.
   */
  "membership.organizations.restructured": z.object({ idempotencyKey: z.string(), step: z.string(), effectiveOn: date, records: z.record(z.string(), z.number().int()) }),
  /**
   * Restructuring's mark step set (`moving: true`) or lifted (`false`) "đang sắp xếp" on this organization (2.10):
   * orgPath = the organization's own path (its path when the step ran), aggregateId its id. One per organization
   * whose mark the step changed, with that step's `membership.organizations.restructured` (which is at "/", out
   * of a provincial board's rooms): a scoped reader learns of the marks in its subtree, and reloads the reads
   * that carry the notice. Not written again on a replay.
   */
  "membership.organization.marked": z.object({ orgId: id, orgCode: z.string(), orgPath: z.string(), moving: z.boolean(), idempotencyKey: z.string(), effectiveOn: date }),
  "membership.member.created": z.object({ memberId: id, status: z.enum(MEMBER_STATUSES), admittedOn: date, joinedOn: date }),
  "membership.member.updated": z.object({ memberId: id, fields: z.array(z.string()) }),
  "membership.candidate.registered": z.object({ candidateId: id }),
  "membership.admission.recognized": z.object({ memberId: id, officialOn: date, decidedOn: date, late: z.boolean() }),
  "membership.admission.not_recognized": z.object({ memberId: id, decidedOn: date }),
  "membership.card.issued": z.object({ cardId: id, memberId: id, issuedOn: date, replacedCards: z.number().int(), identityLinked: z.boolean() }),
  "membership.transfer.requested": z.object({
    transferId: id,
    memberId: id,
    kind: z.enum(TRANSFER_KINDS),
    fromOrgPath: z.string().nullable(),
    toOrgPath: z.string().nullable(),
  }),
  /** Emitted twice for a move inside the system: at the destination (side "in") and at the origin ("out"). */
  "membership.transfer.completed": z.object({
    transferId: id,
    memberId: id,
    kind: z.enum(TRANSFER_KINDS),
    side: z.enum(["in", "out"]),
    fromOrgPath: z.string().nullable(),
    toOrgPath: z.string().nullable(),
    receivedOn: date,
  }),
  "membership.transfer.cancelled": z.object({ transferId: id, memberId: id, cancelledOn: date }),
  /** A temporary transfer ended: the member is back in the home cell (fromOrgPath). */
  "membership.transfer.returned": z.object({ transferId: id, memberId: id, fromOrgPath: z.string().nullable(), toOrgPath: z.string().nullable(), returnedOn: date }),
  "membership.badge.proposed": z.object({ badgeId: id, memberId: id, years: z.union(BADGE_YEARS.map((y) => z.literal(y))), proposedOn: date }),
  "membership.badge.awarded": z.object({ badgeId: id, memberId: id, years: z.number().int(), awardedOn: date }),
  "membership.member.removed": z.object({ memberId: id, kind: z.enum(REMOVAL_KINDS), removedOn: date }),
  "membership.member.died": z.object({ memberId: id, diedOn: date }),
  "membership.rating.self_assessed": z.object({ ratingId: id, subjectKind: z.enum(RATING_SUBJECT_KINDS), year: z.number().int(), level: z.enum(RATING_LEVELS) }),
  "membership.rating.appraised": z.object({ ratingId: id, subjectKind: z.enum(RATING_SUBJECT_KINDS), year: z.number().int(), level: z.enum(RATING_LEVELS), stage: z.enum(RATING_STAGES) }),
  /** Written by the data layer's import (one per file): consumers reload the subtree. */
  "membership.members.imported": z.object({ importId: z.string(), orgPath: z.string(), imported: z.number().int() }).loose(),
  "membership.organizations.imported": z.object({ importId: z.string(), orgPath: z.string(), imported: z.number().int() }).loose(),
  /** A history file (import.history) was imported: `kind` says which records (2.4). */
  "membership.history.imported": z.object({ importId: z.string(), orgPath: z.string(), imported: z.number().int(), kind: z.string() }).loose(),
  /** A bulk export of personal data (security monitoring). */
  "membership.export.completed": z.object({ what: z.enum(["members", "organizations"]), format: z.enum(FILE_FORMATS), rows: z.number().int() }),
  /**
   * Another service's decision took effect here (2.1): an expulsion became a removal of kind `expelled`
   * (`memberId`; `membership.member.removed` comes with it), a dissolution closed the organization (`orgId`;
   * with `membership.organization.closed`). `appliedOn` is the date it took effect in the records (the
   * decision's effective date). The envelope's aggregateId is the decision id; at most one per decision.
   */
  "membership.decision.applied": z.object({
    source: z.enum(DECISION_SOURCES),
    decisionId: z.string(),
    form: z.enum(APPLIED_DECISION_FORMS),
    memberId: id.nullable(),
    orgId: id.nullable(),
    appliedOn: date,
  }),
  /**
   * Another service's decision could not be applied (2.1): nothing changed here; `reason` says why and
   * `message` says it to a person (Vietnamese, then English). The envelope's orgPath is the subject's
   * organization (the one the decision named when the subject is not found). At most one per decision.
   */
  "membership.decision.refused": z.object({
    source: z.enum(DECISION_SOURCES),
    decisionId: z.string(),
    form: z.enum(APPLIED_DECISION_FORMS),
    memberId: id.nullable(),
    orgId: id.nullable(),
    reason: z.enum(DECISION_REFUSAL_REASONS),
    message: z.string(),
  }),
} as const;

export type MembershipEventType = keyof typeof membershipEventSchemas;
export const MEMBERSHIP_EVENT_TYPES = Object.keys(membershipEventSchemas) as MembershipEventType[];
export type MembershipEventPayload<T extends MembershipEventType> = z.infer<(typeof membershipEventSchemas)[T]>;

export function isMembershipEventType(type: string): type is MembershipEventType {
  return Object.hasOwn(membershipEventSchemas, type);
}
