// Events of `conference.events.stream` (and so of the realtime gateway's rooms). Their types and payload
// schemas are the contract's (@orgboard/contract-conference, events.ts); here, how the service builds one.
import type { ConferenceEventPayload, ConferenceEventType } from "@orgboard/contract-conference";

export { CONFERENCE_EVENT_TYPES, conferenceEventSchemas, type ConferenceEventPayload, type ConferenceEventType } from "@orgboard/contract-conference";

export interface ConferenceEvent<T extends ConferenceEventType = ConferenceEventType> {
  type: T;
  orgPath: string;
  aggregateId: string;
  payload: ConferenceEventPayload<T>;
}

/** The events about one conference (all but restructuring's rekeyed, which is about the whole service). */
type ConferenceScopedEventType = Exclude<ConferenceEventType, "conference.restructuring.rekeyed">;

/** Builds an event; the payload type is checked against its type at compile time. */
export function conferenceEvent<T extends ConferenceScopedEventType>(type: T, orgPath: string, payload: ConferenceEventPayload<T>): ConferenceEvent<T> {
  return { type, orgPath, aggregateId: payload.conferenceId, payload };
}
