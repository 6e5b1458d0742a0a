// Shapes shared by several procedures' outputs. Instants are ISO-8601 strings (no transformer on the
// wire, so any client, including the realtime gateway and curl, reads them as they are).
import { orgPathSchema } from "@orgboard/contracts";
import { z } from "zod";
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_STATUSES, CONFERENCE_MODES, CONFERENCE_STATUSES, DOCUMENT_KIND_NAMES, LINK_STATES, SPEAK_REQUEST_STATUSES } from "../domain/index.js";

export const idSchema = z.uuid({ message: "must be an id (UUID)" });
export const isoInstant = z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time, e.g. 2024-04-01T14:00:00+07:00" });
const instantOut = z.string();

export const conferenceIdInput = z.object({ conferenceId: idSchema });

const name = (max = 200) => z.string().trim().min(1, { message: "is required" }).max(max);

export const siteInputSchema = z.object({
  /** Unique within the conference; what the organizer's console shows ("08", "QDTW", "08-003"). */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: "must be 1–64 letters, digits, '.', '_' or '-'" }),
  name: name(),
  orgPath: orgPathSchema,
  chairName: name(),
  chairTitle: z.string().trim().max(300).optional(),
  expectedAttendance: z.number().int().min(1).max(100_000),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

export const agendaItemInputSchema = z.object({
  title: name(500),
  kind: z.enum(AGENDA_ITEM_KINDS),
  /** Fractions allowed (a simulator compresses time); stored to the second, at least one second. */
  plannedMinutes: z.number().min(1 / 60, { message: "must be at least one second (1/60 minute)" }).max(480),
  presenterName: z.string().trim().max(200).optional(),
  presenterTitle: z.string().trim().max(300).optional(),
});

export const documentInputSchema = z.object({
  /** Official number only, e.g. "137-QĐ/TW" (not "Số 137-QĐ/TW"); checked against `kind`. */
  number: z.string().max(64),
  kind: z.enum(DOCUMENT_KIND_NAMES),
  title: name(1000),
  issuer: z.string().trim().max(200).optional(),
  issuedOn: z.iso.date({ message: "must be a date like 2023-12-01" }).optional(),
});

export const conferenceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  orgPath: z.string(),
  organizerName: z.string(),
  chairName: z.string(),
  chairTitle: z.string().nullable(),
  mode: z.enum(CONFERENCE_MODES),
  status: z.enum(CONFERENCE_STATUSES),
  scheduledStart: instantOut,
  scheduledEnd: instantOut,
  connectingAt: instantOut.nullable(),
  openedAt: instantOut.nullable(),
  concludedAt: instantOut.nullable(),
  createdAt: instantOut,
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
  checkedInAt: instantOut.nullable(),
  linkState: z.enum(LINK_STATES),
  lastHeartbeatAt: instantOut.nullable(),
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
  actualStart: instantOut.nullable(),
  actualEnd: instantOut.nullable(),
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
  registeredAt: instantOut,
  startedAt: instantOut.nullable(),
  endedAt: instantOut.nullable(),
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
  disseminatedAt: instantOut,
});
export type DocumentView = z.infer<typeof documentViewSchema>;

export const conclusionViewSchema = z.object({
  id: z.string(),
  agendaItemId: z.string().nullable(),
  text: z.string(),
  createdAt: instantOut,
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

export { orgPathSchema };
