// The shapes the service answers with (row → view in apps/conference/src/router/views.ts). Instants are
// ISO-8601 strings (no transformer on the wire, so any client, curl included, reads them as they are).
import { z } from "zod";
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_STATUSES, CONFERENCE_MODES, CONFERENCE_STATUSES, DOCUMENT_KIND_NAMES, LINK_STATES, SPEAK_REQUEST_STATUSES } from "./enums.js";
import { LINK_PHASES, SITE_PRESENCE_STATES, linkPhaseCountsSchema, sitePresenceCountsSchema } from "./presence.js";

/** An ISO-8601 instant as the service writes it (`Date#toISOString()`). */
export const instant = z.string();

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
  /** `linkPhase` of this site (1.2). */
  phase: z.enum(LINK_PHASES),
  /** `sitePresence(conference status, phase)` at the time of the answer (1.2). */
  presence: z.enum(SITE_PRESENCE_STATES),
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

/**
 * Counters with the sites per phase and per presence state (1.2): `presence` is
 * `presenceCounts(conference status, phases)`; a client that folds events keeps `phases` and derives it.
 */
export const liveCountersSchema = siteCountersSchema.extend({
  phases: linkPhaseCountsSchema,
  presence: sitePresenceCountsSchema,
});
export type LiveCounters = z.infer<typeof liveCountersSchema>;
