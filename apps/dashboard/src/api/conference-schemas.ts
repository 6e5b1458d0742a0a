import { z } from "zod";

// What the dashboard reads from apps/conference (router `conference.*`, events in apps/conference/src/
// events.ts). Mirrored here as lenient zod schemas rather than imported from the app, so the browser
// bundle never pulls server code, and a drift shows as a clear "unexpected answer" naming the field.

export const LINK_STATES = ["connected", "degraded", "disconnected"] as const;
export type LinkState = (typeof LINK_STATES)[number];
export const CONFERENCE_STATUSES = ["scheduled", "connecting_sites", "in_session", "concluded"] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];
export const AGENDA_ITEM_STATUSES = ["pending", "in_progress", "done", "skipped"] as const;

const instant = z.string();

export const conferenceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  orgPath: z.string(),
  organizerName: z.string().optional(),
  chairName: z.string().optional(),
  status: z.enum(CONFERENCE_STATUSES),
  scheduledStart: instant,
  scheduledEnd: instant.optional(),
  openedAt: instant.nullish(),
  concludedAt: instant.nullish(),
});
export type ConferenceSummary = z.infer<typeof conferenceSummarySchema>;

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

export const siteViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  orgPath: z.string(),
  expectedAttendance: z.number().int(),
  presentCount: z.number().int(),
  checkedInAt: instant.nullable(),
  linkState: z.enum(LINK_STATES),
  dropCount: z.number().int().default(0),
});
export type SiteView = z.infer<typeof siteViewSchema>;

export const agendaItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  status: z.enum(AGENDA_ITEM_STATUSES),
  plannedMinutes: z.number(),
  presenterName: z.string().nullish(),
  actualStart: instant.nullable(),
  actualEnd: instant.nullable(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const speakRequestSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  speakerName: z.string(),
  speakerTitle: z.string().nullish(),
  topic: z.string().nullish(),
  sequence: z.number().int().optional(),
  startedAt: instant.nullish(),
});
export type SpeakRequest = z.infer<typeof speakRequestSchema>;

export const documentSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  disseminatedAt: instant,
});
export type DocumentRef = z.infer<typeof documentSchema>;

export const conclusionSchema = z.object({ id: z.string(), text: z.string(), createdAt: instant });
export type Conclusion = z.infer<typeof conclusionSchema>;

/** `conference.get({ conferenceId })`: the live snapshot, consistent with `lastEventId`. */
export const snapshotSchema = z.object({
  conference: conferenceSummarySchema,
  counters: siteCountersSchema,
  /** Set when the reader sees the conference through its own sites only (a provincial official). */
  myCounters: siteCountersSchema.nullable(),
  agenda: z.array(agendaItemSchema),
  currentItemId: z.string().nullable(),
  speaker: speakRequestSchema.nullable(),
  queue: z.array(speakRequestSchema),
  queueLength: z.number().int(),
  documents: z.array(documentSchema),
  conclusions: z.array(conclusionSchema),
  lastEventId: z.string(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const conferencePageSchema = z.object({ items: z.array(conferenceSummarySchema), nextCursor: z.string().nullable() });
export const sitePageSchema = z.object({ items: z.array(siteViewSchema), nextCursor: z.string().nullable() });
/** `conference.sites.byProvince`: counters per top-level organization ("/08/"). */
export const provinceGroupsSchema = z.object({
  groups: z.array(siteCountersSchema.extend({ orgPath: z.string(), name: z.string().nullable() })),
});

const siteRef = { conferenceId: z.string(), siteId: z.string(), siteName: z.string(), orgPath: z.string() };
const speakerRef = z.object({
  requestId: z.string(),
  ...siteRef,
  speakerName: z.string(),
  speakerTitle: z.string().nullable(),
  topic: z.string().nullable(),
  startedAt: instant,
});

/** The conference events the live screen folds (a subset of apps/conference/src/events.ts). */
export const conferenceEventPayloads = {
  "conference.status_changed": z.object({ conferenceId: z.string(), from: z.enum(CONFERENCE_STATUSES), to: z.enum(CONFERENCE_STATUSES) }),
  "conference.site.state_changed": z.object({ ...siteRef, from: z.enum(LINK_STATES), to: z.enum(LINK_STATES), at: instant }),
  "conference.site.checked_in": z.object({ ...siteRef, presentCount: z.number().int(), expectedAttendance: z.number().int() }),
  "conference.site.attendance_changed": z.object({ ...siteRef, presentCount: z.number().int(), previousCount: z.number().int() }),
  "conference.agenda.advanced": z.object({
    conferenceId: z.string(),
    finished: z.object({ itemId: z.string(), title: z.string(), actualEnd: instant }).nullable(),
    started: z.object({ itemId: z.string(), title: z.string(), actualStart: instant }).nullable(),
  }),
  "conference.document.disseminated": z.object({ conferenceId: z.string(), documentId: z.string(), number: z.string(), title: z.string() }),
  "conference.speaker.registered": z.object({ requestId: z.string(), ...siteRef, speakerName: z.string(), sequence: z.number().int(), queueLength: z.number().int() }),
  "conference.speaker.withdrawn": z.object({ requestId: z.string(), ...siteRef, queueLength: z.number().int() }),
  "conference.speaker.changed": z.object({ conferenceId: z.string(), current: speakerRef.nullable(), queueLength: z.number().int() }),
  "conference.conclusion.added": z.object({ conferenceId: z.string(), conclusionId: z.string(), text: z.string() }),
} as const;
export type ConferenceEventType = keyof typeof conferenceEventPayloads;
