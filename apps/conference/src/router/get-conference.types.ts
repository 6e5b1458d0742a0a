import { conferenceSnapshotSchema } from "@orgboard/contracts";
import { conferenceIdInput } from "./schemas.js";

export type { ConferenceSnapshot } from "@orgboard/contracts";

/** The snapshot shows the head of the queue; the full queue can be long in a national conference. */
export const SNAPSHOT_QUEUE_LIMIT = 50;

export const ZGetConferenceInput = conferenceIdInput;

/** The wire contract the dashboard reads, so the two cannot drift. */
export const ZGetConferenceOutput = conferenceSnapshotSchema;
