// Event types and payloads of `inspection.events.stream`. Consumers: membership (applies expulsions and
// dissolutions), the realtime gateway (the dashboard's inspection panel), later personnel (dismissals and
// bars). Payloads carry ids, org paths, kinds, forms and dates: never names, findings' text or anything
// about a denouncer. The envelope's orgPath is the subject's organization (for a member: the member's
// organization when the case was opened), so scoped readers route by prefix.
import { rekeyedEventSchema } from "@orgboard/contracts";
import { z } from "zod";
import { CONDUCTOR_KINDS, DISCIPLINE_FORMS, INSPECTION_KINDS, PETITION_KINDS, SUBJECT_KINDS, SUPERVISION_KINDS, VIOLATION_DEGREES } from "./enums.js";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const uuid = z.string().uuid();
const memberOrOrg = {
  subjectKind: z.enum(SUBJECT_KINDS),
  /** membership's member id, when subjectKind is "member" */
  memberId: z.number().int().nullable(),
  /** membership's organization id, when subjectKind is "organization" */
  orgId: z.number().int().nullable(),
};

export const inspectionEventSchemas = {
  "inspection.program.created": z.object({ programId: uuid, year: z.number().int(), items: z.number().int() }),
  "inspection.program.item_completed": z.object({ programId: uuid, itemId: uuid, completedOn: date }),
  "inspection.inspection.decided": z.object({ inspectionId: uuid, kind: z.enum(INSPECTION_KINDS), conductorKind: z.enum(CONDUCTOR_KINDS), ...memberOrOrg, decidedOn: date }),
  "inspection.inspection.concluded": z.object({
    inspectionId: uuid,
    kind: z.enum(INSPECTION_KINDS),
    violation: z.boolean(),
    degree: z.enum(VIOLATION_DEGREES).nullable(),
    concludedOn: date,
  }),
  "inspection.supervision.decided": z.object({ supervisionId: uuid, kind: z.enum(SUPERVISION_KINDS), conductorKind: z.enum(CONDUCTOR_KINDS), ...memberOrOrg, decidedOn: date }),
  "inspection.supervision.concluded": z.object({ supervisionId: uuid, signsOfViolation: z.boolean(), concludedOn: date, inspectionId: uuid.nullable() }),
  /**
   * A discipline decision takes effect. Membership applies `expulsion` (a removal of kind expelled with
   * this decision's number and date) and `dissolution` (the organization closes); personnel will follow
   * `dismissal`. Consumers key their effect on `decisionId`: applying it twice must change nothing.
   */
  "inspection.discipline.effective": z.object({
    decisionId: uuid,
    ...memberOrOrg,
    form: z.enum(DISCIPLINE_FORMS),
    decisionNumber: z.string(),
    decidedOn: date,
    effectiveOn: date,
    /** the competent body's organization */
    decidedByOrgPath: z.string(),
    /**
     * The first day each purpose is no longer barred by this discipline under the party's rules
     * (inspection's `barredUntil`; null: no such bar). Personnel applies it with the cadre rules' own
     * periods (the later wins). Since 1.3; absent from older events.
     */
    bars: z.object({ appointment: date.nullable(), nomination: date.nullable(), planning: date.nullable() }).optional(),
  }),
  /** An appeal or a review changed or annulled a decision (its effect elsewhere is not undone automatically). */
  "inspection.discipline.changed": z.object({ decisionId: uuid, form: z.enum(DISCIPLINE_FORMS).nullable(), changedOn: date }),
  /** A refused effect was settled by an officer. */
  "inspection.discipline.effect_resolved": z.object({ decisionId: uuid, resolvedOn: date }),
  "inspection.petition.received": z.object({ petitionId: uuid, kind: z.enum(PETITION_KINDS), handled: z.boolean(), dueOn: date.nullable() }),
  "inspection.petition.settled": z.object({ petitionId: uuid, kind: z.enum(PETITION_KINDS), settledOn: date, late: z.boolean() }),
  "inspection.watch.added": z.object({ watchId: uuid, addedOn: date }),
  "inspection.watch.closed": z.object({ watchId: uuid, closedOn: date }),
  /** Scope keys rewritten for a restructuring (1.4): envelope orgPath = the moves' common subtree. */
  "inspection.restructuring.rekeyed": rekeyedEventSchema,
} as const;

export type InspectionEventType = keyof typeof inspectionEventSchemas;
export const INSPECTION_EVENT_TYPES = Object.keys(inspectionEventSchemas) as InspectionEventType[];
export type InspectionEventPayload<T extends InspectionEventType> = z.infer<(typeof inspectionEventSchemas)[T]>;
