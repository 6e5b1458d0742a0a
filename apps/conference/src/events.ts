// Events of `conference.events.stream` (and so of the realtime gateway's rooms). Their types and payload
// schemas are in @orgboard/contracts (conference.ts); here, how the service builds one.
import type { ConferenceEventPayload, ConferenceEventType } from "@orgboard/contracts";

export { CONFERENCE_EVENT_TYPES, conferenceEventSchemas, type ConferenceEventPayload, type ConferenceEventType } from "@orgboard/contracts";

export interface ConferenceEvent<T extends ConferenceEventType = ConferenceEventType> {
  type: T;
  orgPath: string;
  aggregateId: string;
  payload: ConferenceEventPayload<T>;
}

/** Builds an event; the payload type is checked against its type at compile time. */
export function conferenceEvent<T extends ConferenceEventType>(type: T, orgPath: string, payload: ConferenceEventPayload<T>): ConferenceEvent<T> {
  return { type, orgPath, aggregateId: payload.conferenceId, payload };
}
