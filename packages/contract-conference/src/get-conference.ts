import { z } from "zod";
import { agendaItemViewSchema, conclusionViewSchema, conferenceSummarySchema, documentViewSchema, instant, liveCountersSchema, speakRequestViewSchema } from "./views.js";
import { conferenceIdInput } from "./schemas.js";

/** The snapshot shows the head of the queue; the full queue can be long in a national conference. */
export const SNAPSHOT_QUEUE_LIMIT = 50;

/** `conference.get`: the live snapshot of one conference. */
export const conferenceSnapshotSchema = z.object({
  conference: conferenceSummarySchema,
  /** Over all sites of the conference. */
  counters: liveCountersSchema,
  /** Over the reader's own subtrees, when the reader sees the conference through its sites only. */
  myCounters: liveCountersSchema.nullable(),
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

export const ZGetConferenceInput = conferenceIdInput;

/** The wire contract the dashboard reads, so the two cannot drift. */
export const ZGetConferenceOutput = conferenceSnapshotSchema;

