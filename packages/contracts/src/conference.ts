// The wire contract of apps/conference: what its procedures answer and what its event stream carries,
// read by the dashboard (and the realtime gateway's clients) as the service writes it. Input schemas stay
// in the service. Instants are ISO-8601 strings (no transformer on the wire, so any client, curl
// included, reads them as they are).
import { z } from "zod";
import { pageSchema } from "./common.js";

export const CONFERENCE_STATUSES = ["scheduled", "connecting_sites", "in_session", "concluded"] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const CONFERENCE_MODES = ["online", "hybrid"] as const;
export type ConferenceMode = (typeof CONFERENCE_MODES)[number];

export const LINK_STATES = ["connected", "degraded", "disconnected"] as const;
export type LinkState = (typeof LINK_STATES)[number];

export const AGENDA_ITEM_KINDS = ["opening", "report", "dissemination", "discussion", "closing"] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_STATUSES = ["pending", "in_progress", "done", "skipped"] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const SPEAK_REQUEST_STATUSES = ["queued", "speaking", "done", "withdrawn", "not_reached"] as const;
export type SpeakRequestStatus = (typeof SPEAK_REQUEST_STATUSES)[number];

/** Kinds of a disseminated document; the service's domain says which type codes each allows. */
export const DOCUMENT_KIND_NAMES = [
  "resolution",
  "decision",
  "regulation",
  "directive",
  "conclusion",
  "rules",
  "circular",
  "guidance",
  "report",
  "plan",
  "scheme",
  "programme",
  "notice",
  "official_letter",
  "law",
  "decree",
] as const;
export type DocumentKind = (typeof DOCUMENT_KIND_NAMES)[number];

const instant = z.string();

export const conferenceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  orgPath: z.string(),
  organizerName: z.string(),
  chairName: z.string(),
  chairTitle: z.string().nullable(),
  mode: z.enum(CONFERENCE_MODES),
  status: z.enum(CONFERENCE_STATUSES),
  scheduledStart: instant,
  scheduledEnd: instant,
  connectingAt: instant.nullable(),
  openedAt: instant.nullable(),
  concludedAt: instant.nullable(),
  createdAt: instant,
});
export type ConferenceSummary = z.infer<typeof conferenceSummarySchema>;

export const siteViewSchema = z.object({
  id: z.string(),
  conferenceId: z.string(),
  code: z.string(),
  name: z.string(),
  orgPath: z.string(),
  chairName: z.string(),
  chairTitle: z.string().nullable(),
  expectedAttendance: z.number().int(),
  presentCount: z.number().int(),
  checkedInAt: instant.nullable(),
  linkState: z.enum(LINK_STATES),
  lastHeartbeatAt: instant.nullable(),
  lastQuality: z.number().nullable(),
  /** How many times the link went down after having been up. */
  dropCount: z.number().int(),
});
export type SiteView = z.infer<typeof siteViewSchema>;

export const agendaItemViewSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  kind: z.enum(AGENDA_ITEM_KINDS),
  status: z.enum(AGENDA_ITEM_STATUSES),
  plannedMinutes: z.number(),
  presenterName: z.string().nullable(),
  presenterTitle: z.string().nullable(),
  actualStart: instant.nullable(),
  actualEnd: instant.nullable(),
  /** Beyond the planned duration; for the running item, as of the time of the answer. */
  overrunSeconds: z.number().int(),
});
export type AgendaItemView = z.infer<typeof agendaItemViewSchema>;

export const speakRequestViewSchema = z.object({
  id: z.string(),
  conferenceId: z.string(),
  siteId: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  orgPath: z.string(),
  speakerName: z.string(),
  speakerTitle: z.string().nullable(),
  topic: z.string().nullable(),
  status: z.enum(SPEAK_REQUEST_STATUSES),
  sequence: z.number().int(),
  registeredAt: instant,
  startedAt: instant.nullable(),
  endedAt: instant.nullable(),
});
export type SpeakRequestView = z.infer<typeof speakRequestViewSchema>;

export const documentViewSchema = z.object({
  id: z.string(),
  agendaItemId: z.string().nullable(),
  number: z.string(),
  system: z.enum(["party", "state"]),
  kind: z.enum(DOCUMENT_KIND_NAMES),
  title: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  disseminatedAt: instant,
});
export type DocumentView = z.infer<typeof documentViewSchema>;

export const conclusionViewSchema = z.object({
  id: z.string(),
  agendaItemId: z.string().nullable(),
  text: z.string(),
  createdAt: instant,
  createdBy: z.string(),
});
export type ConclusionView = z.infer<typeof conclusionViewSchema>;

/** Site counters: over the whole conference, or one province's part of it. */
export const siteCountersSchema = z.object({
  sites: z.number().int(),
  connected: z.number().int(),
  degraded: z.number().int(),
  disconnected: z.number().int(),
  checkedIn: z.number().int(),
  expectedAttendance: z.number().int(),
  presentCount: z.number().int(),
});
export type SiteCounters = z.infer<typeof siteCountersSchema>;

/** `conference.get`: the live snapshot of one conference. */
export const conferenceSnapshotSchema = z.object({
  conference: conferenceSummarySchema,
  /** Over all sites of the conference. */
  counters: siteCountersSchema,
  /** Over the reader's own subtrees, when the reader sees the conference through its sites only. */
  myCounters: siteCountersSchema.nullable(),
  agenda: z.array(agendaItemViewSchema),
  currentItemId: z.string().nullable(),
  speaker: speakRequestViewSchema.nullable(),
  /** The head of the queue (the service caps it); `queueLength` is the full length. */
  queue: z.array(speakRequestViewSchema),
  queueLength: z.number().int(),
  speeches: z.number().int(),
  documents: z.array(documentViewSchema),
  conclusions: z.array(conclusionViewSchema),
  /**
   * The last outbox event id at the time of the snapshot (same transaction): follow
   * conference.events.stream from here and nothing is missed or applied twice. "0" when none.
   */
  lastEventId: z.string(),
  at: instant,
});
export type ConferenceSnapshot = z.infer<typeof conferenceSnapshotSchema>;

/** `conference.list`. */
export const conferencePageSchema = pageSchema(conferenceSummarySchema);
/** `conference.sites.list`. */
export const sitePageSchema = pageSchema(siteViewSchema);

/** `conference.sites.byProvince`: counters per top-level organization. */
export const provinceGroupsSchema = z.object({
  groups: z.array(
    siteCountersSchema.extend({
      /** The top-level organization ("/08/" for every site under Tuyên Quang). */
      orgPath: z.string(),
      /** The name of the site that is that organization itself, when there is one. */
      name: z.string().nullable(),
    }),
  ),
});
export type ProvinceGroup = z.infer<typeof provinceGroupsSchema>["groups"][number];

// Event types and payloads of `conference.events.stream` (and so of the realtime gateway's rooms).
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
} as const;

export type ConferenceEventType = keyof typeof conferenceEventSchemas;
export const CONFERENCE_EVENT_TYPES = Object.keys(conferenceEventSchemas) as ConferenceEventType[];
export type ConferenceEventPayload<T extends ConferenceEventType> = z.infer<(typeof conferenceEventSchemas)[T]>;

export function isConferenceEventType(type: string): type is ConferenceEventType {
  return Object.hasOwn(conferenceEventSchemas, type);
}
