import { rekeyedEventSchema } from "@orgboard/contracts";
import { z } from "zod";
import { AGENDA_ITEM_KINDS, CONFERENCE_STATUSES, DOCUMENT_KIND_NAMES, LINK_STATES } from "./enums.js";
import { LINK_PHASES } from "./presence.js";
import { conferenceSummarySchema, instant, siteCountersSchema } from "./views.js";

// Event types and payloads of `conference.events.stream` (and so of the realtime gateway's rooms): the
// contract's `events`.
// Every payload carries `conferenceId`; site-level events also the site's `orgPath`, which is the
// envelope's orgPath too, so the gateway can route to the province's rooms. Conference-level events
// carry the conference's (organizer's) orgPath.

const siteRef = {
  conferenceId: z.string(),
  siteId: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  orgPath: z.string(),
};

const speakerRef = z.object({
  requestId: z.string(),
  ...siteRef,
  speakerName: z.string(),
  speakerTitle: z.string().nullable(),
  topic: z.string().nullable(),
  startedAt: instant,
});

export const conferenceEventSchemas = {
  "conference.created": z.object({
    conferenceId: z.string(),
    conference: conferenceSummarySchema,
    siteCount: z.number().int(),
    agendaItemCount: z.number().int(),
  }),
  "conference.sites.added": z.object({ conferenceId: z.string(), added: z.number().int(), siteCount: z.number().int() }),
  "conference.status_changed": z.object({
    conferenceId: z.string(),
    from: z.enum(CONFERENCE_STATUSES),
    to: z.enum(CONFERENCE_STATUSES),
    at: instant,
    /** Present when `to` is "concluded": the final counters. */
    final: z.object({ counters: siteCountersSchema, speeches: z.number().int(), conclusions: z.number().int() }).optional(),
  }),
  "conference.site.state_changed": z.object({
    ...siteRef,
    from: z.enum(LINK_STATES),
    to: z.enum(LINK_STATES),
    quality: z.number().nullable(),
    lastHeartbeatAt: instant.nullable(),
    /** "heartbeat" (the bridge said so) or "timeout" (heartbeats stopped; found by the sweep). */
    cause: z.enum(["heartbeat", "timeout"]),
    dropCount: z.number().int(),
    /** `linkPhase` before and after (1.2): a first heartbeat may change the phase and not the link state. */
    fromPhase: z.enum(LINK_PHASES),
    toPhase: z.enum(LINK_PHASES),
    at: instant,
  }),
  "conference.site.checked_in": z.object({ ...siteRef, presentCount: z.number().int(), expectedAttendance: z.number().int(), checkedInAt: instant }),
  "conference.site.attendance_changed": z.object({
    ...siteRef,
    presentCount: z.number().int(),
    previousCount: z.number().int(),
    expectedAttendance: z.number().int(),
  }),
  "conference.agenda.advanced": z.object({
    conferenceId: z.string(),
    finished: z
      .object({ itemId: z.string(), position: z.number().int(), title: z.string(), actualStart: instant.nullable(), actualEnd: instant, overrunSeconds: z.number().int() })
      .nullable(),
    started: z
      .object({ itemId: z.string(), position: z.number().int(), title: z.string(), kind: z.enum(AGENDA_ITEM_KINDS), plannedMinutes: z.number(), actualStart: instant })
      .nullable(),
  }),
  "conference.document.disseminated": z.object({
    conferenceId: z.string(),
    documentId: z.string(),
    number: z.string(),
    kind: z.enum(DOCUMENT_KIND_NAMES),
    title: z.string(),
    agendaItemId: z.string().nullable(),
  }),
  "conference.speaker.registered": z.object({
    requestId: z.string(),
    ...siteRef,
    speakerName: z.string(),
    sequence: z.number().int(),
    queueLength: z.number().int(),
  }),
  "conference.speaker.withdrawn": z.object({ requestId: z.string(), ...siteRef, queueLength: z.number().int() }),
  /** Who has the floor changed: given (current set), ended (current null), or both. */
  "conference.speaker.changed": z.object({
    conferenceId: z.string(),
    current: speakerRef.nullable(),
    previous: speakerRef.extend({ endedAt: instant, durationSeconds: z.number().int() }).nullable(),
    queueLength: z.number().int(),
  }),
  "conference.conclusion.added": z.object({ conferenceId: z.string(), conclusionId: z.string(), text: z.string(), agendaItemId: z.string().nullable() }),
  /** Scope keys rewritten for a restructuring (1.3): envelope orgPath = the moves' common subtree. */
  "conference.restructuring.rekeyed": rekeyedEventSchema,
} as const;

export type ConferenceEventType = keyof typeof conferenceEventSchemas;
export const CONFERENCE_EVENT_TYPES = Object.keys(conferenceEventSchemas) as ConferenceEventType[];
export type ConferenceEventPayload<T extends ConferenceEventType> = z.infer<(typeof conferenceEventSchemas)[T]>;

export function isConferenceEventType(type: string): type is ConferenceEventType {
  return Object.hasOwn(conferenceEventSchemas, type);
}
