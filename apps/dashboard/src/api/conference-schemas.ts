import { z } from "zod";

// The shapes the dashboard reads from apps/conference. They follow docs/dashboard.md ("What the
// dashboard expects"); parsing them here means a contract drift shows as a clear "unavailable" state
// naming the field, not as a blank screen.

export const LINK_STATES = ["connected", "degraded", "disconnected", "unknown"] as const;
export type LinkState = (typeof LINK_STATES)[number];
const linkState = z.enum(LINK_STATES).catch("unknown");

export const CONFERENCE_STATUSES = ["scheduled", "live", "ended"] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgPath: z.string(),
  linkState: linkState,
  checkedIn: z.number().int().nonnegative().default(0),
  expected: z.number().int().nonnegative().default(0),
  linkChangedAt: z.string().nullish(),
});
export type SiteDto = z.infer<typeof siteSchema>;

export const agendaItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  plannedMinutes: z.number().nonnegative(),
  startedAt: z.string().nullish(),
  endedAt: z.string().nullish(),
});
export type AgendaItemDto = z.infer<typeof agendaItemSchema>;

export const speakerSchema = z.object({
  id: z.string(),
  name: z.string(),
  siteId: z.string().nullish(),
  topic: z.string().nullish(),
  startedAt: z.string().nullish(),
});
export type SpeakerDto = z.infer<typeof speakerSchema>;

export const documentSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullish(),
  publishedAt: z.string(),
});
export type DocumentDto = z.infer<typeof documentSchema>;

export const conclusionSchema = z.object({ id: z.string(), text: z.string(), recordedAt: z.string() });
export type ConclusionDto = z.infer<typeof conclusionSchema>;

export const conferenceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  orgPath: z.string(),
  status: z.enum(CONFERENCE_STATUSES),
  startsAt: z.string(),
});
export type ConferenceSummary = z.infer<typeof conferenceSummarySchema>;

/** `conference.live.snapshot({ conferenceId })` */
export const liveSnapshotSchema = z.object({
  conference: conferenceSummarySchema,
  sites: z.array(siteSchema),
  agenda: z.array(agendaItemSchema),
  currentItemId: z.string().nullish(),
  speaker: speakerSchema.nullish(),
  queue: z.array(speakerSchema).default([]),
  documents: z.array(documentSchema).default([]),
  conclusions: z.array(conclusionSchema).default([]),
  /** Id of the last conference event folded into this snapshot; the dashboard applies only later ones. */
  lastEventId: z.string().nullish(),
});
export type LiveSnapshot = z.infer<typeof liveSnapshotSchema>;

/** Payloads of the conference events the live screen folds (envelope `type` → payload). */
export const conferenceEventPayloads = {
  "conference.site.linkChanged": z.object({ siteId: z.string(), linkState: linkState }),
  "conference.site.checkedIn": z.object({
    siteId: z.string(),
    checkedIn: z.number().int().nonnegative(),
    expected: z.number().int().nonnegative().optional(),
  }),
  "conference.agenda.itemStarted": z.object({ itemId: z.string(), startedAt: z.string() }),
  "conference.agenda.itemEnded": z.object({ itemId: z.string(), endedAt: z.string() }),
  "conference.speaker.started": z.object({ speaker: speakerSchema }),
  "conference.speaker.queueChanged": z.object({ queue: z.array(speakerSchema) }),
  "conference.document.published": z.object({ document: documentSchema }),
  "conference.conclusion.recorded": z.object({ conclusion: conclusionSchema }),
  "conference.statusChanged": z.object({ status: z.enum(CONFERENCE_STATUSES) }),
} as const;
export type ConferenceEventType = keyof typeof conferenceEventPayloads;
