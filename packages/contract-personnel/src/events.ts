// Event types and payloads of `personnel.events.stream`. Payloads carry ids, kinds, dates and counts:
// never names, national IDs or a cadre's file. The envelope's orgPath is the cadre's (or post's)
// organization, so scoped readers route by prefix.
import { rekeyedEventSchema } from "@orgboard/contracts";
import { z } from "zod";
import { BAR_PURPOSES, CONGRESS_LEVELS, MEMBER_END_REASONS, POOL_REMOVAL_REASONS, POST_END_REASONS, POST_KINDS, ROTATION_COMPLETIONS, ROTATION_KINDS, STANDARD_PURPOSES, SURPLUS_POLICIES, SURPLUS_STATUSES } from "./enums.js";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const uuid = z.string().uuid();

export const personnelEventSchemas = {
  "personnel.cadre.created": z.object({ cadreId: uuid, member: z.boolean() }),
  "personnel.post.created": z.object({ postId: uuid, kind: z.enum(POST_KINDS), termStartYear: z.number().int() }),
  "personnel.post.filled": z.object({ postId: uuid, cadreId: uuid, assignmentId: uuid, startedOn: date }),
  "personnel.post.ended": z.object({ postId: uuid, cadreId: uuid, assignmentId: uuid, endedOn: date, reason: z.enum(POST_END_REASONS) }),
  "personnel.pool.added": z.object({ entryId: uuid, postId: uuid, cadreId: uuid, termStartYear: z.number().int() }),
  "personnel.pool.removed": z.object({ entryId: uuid, postId: uuid, cadreId: uuid, removedOn: date, reason: z.enum(POOL_REMOVAL_REASONS) }),
  /** (1.1) a pool place ended by membership's member event (death, removal from the Party) */
  "personnel.pool.member_ended": z.object({ entryId: uuid, postId: uuid, cadreId: uuid, removedOn: date, reason: z.enum(MEMBER_END_REASONS) }),
  /** counts only: how many holders were voted on and what the results call for */
  "personnel.vote.recorded": z.object({ sessionId: uuid, heldOn: date, holders: z.number().int(), resignationProposed: z.number().int(), dismissalProposed: z.number().int() }),
  "personnel.standard.concluded": z.object({ conclusionId: uuid, cadreId: uuid, purpose: z.enum(STANDARD_PURPOSES), met: z.boolean(), concludedOn: date }),
  /** a discipline decided in inspection bars the cadre from `purpose` for from ≤ d < until */
  "personnel.bar.applied": z.object({ cadreId: uuid, decisionId: uuid, purpose: z.enum(BAR_PURPOSES), from: date, until: date }),
  "personnel.effect.unappliable": z.object({ effectId: uuid, source: z.string(), eventId: z.string(), reason: z.string() }),
  "personnel.effect.resolved": z.object({ effectId: uuid }),
  /** (1.2) a congress planned for an organization and term (one more "to hold" in the season) */
  "personnel.congress.created": z.object({ congressId: uuid, level: z.enum(CONGRESS_LEVELS), termStartYear: z.number().int() }),
  /** (1.2) a congress's result posted: it is held. Counts only, no candidate */
  "personnel.congress.held": z.object({ congressId: uuid, level: z.enum(CONGRESS_LEVELS), termStartYear: z.number().int(), heldOn: date, seats: z.number().int(), candidates: z.number().int(), elected: z.number().int() }),
  // ---- 1.3 (pers-cadres) ----
  /** a rotation or transfer planned; one event per end (`side`), each under that end's organization */
  "personnel.rotation.planned": z.object({ rotationId: uuid, cadreId: uuid, kind: z.enum(ROTATION_KINDS), side: z.enum(["from", "to"]), startOn: date, plannedEndOn: date }),
  "personnel.rotation.completed": z.object({ rotationId: uuid, cadreId: uuid, side: z.enum(["from", "to"]), completedOn: date, completion: z.enum(ROTATION_COMPLETIONS) }),
  /** a yearly pool review: counts only */
  "personnel.pool.reviewed": z.object({ reviewId: uuid, termStartYear: z.number().int(), year: z.number().int(), reviewed: z.number().int(), proposed: z.number().int(), applied: z.number().int().nullable() }),
  /** a surplus case opened, its policy applied or changed, or closed */
  "personnel.surplus.changed": z.object({ caseId: uuid, cadreId: uuid, status: z.enum(SURPLUS_STATUSES), policy: z.enum(SURPLUS_POLICIES).nullable(), on: date }),
  /** Scope keys rewritten for a restructuring (1.4): envelope orgPath = the moves' common subtree. */
  "personnel.restructuring.rekeyed": rekeyedEventSchema,
} as const;

export type PersonnelEventType = keyof typeof personnelEventSchemas;
export const PERSONNEL_EVENT_TYPES = Object.keys(personnelEventSchemas) as PersonnelEventType[];
export type PersonnelEventPayload<T extends PersonnelEventType> = z.infer<(typeof personnelEventSchemas)[T]>;
