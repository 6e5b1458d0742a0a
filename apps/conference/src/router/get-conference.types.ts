import { z } from "zod";
import {
  agendaItemViewSchema,
  conclusionViewSchema,
  conferenceIdInput,
  conferenceSummarySchema,
  documentViewSchema,
  siteCountersSchema,
  speakRequestViewSchema,
} from "./schemas.js";

/** The snapshot shows the head of the queue; the full queue can be long in a national conference. */
export const SNAPSHOT_QUEUE_LIMIT = 50;

export const ZGetConferenceInput = conferenceIdInput;

export const ZGetConferenceOutput = z.object({
  conference: conferenceSummarySchema,
  /** Over all sites of the conference. */
  counters: siteCountersSchema,
  /** Over the reader's own subtrees, when the reader sees the conference through its sites only. */
  myCounters: siteCountersSchema.nullable(),
  agenda: z.array(agendaItemViewSchema),
  currentItemId: z.string().nullable(),
  speaker: speakRequestViewSchema.nullable(),
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
  at: z.string(),
});
export type ConferenceSnapshot = z.infer<typeof ZGetConferenceOutput>;
