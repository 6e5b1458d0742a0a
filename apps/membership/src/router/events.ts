// Builds the outbox events the procedures write. The event types and their payload schemas are part of
// the contract (packages/contract-membership/src/events.ts): the stream's readers take them from there.
import type { MembershipEventPayload, MembershipEventType } from "@orgboard/contract-membership";

export { membershipEventSchemas, MEMBERSHIP_EVENT_TYPES, type MembershipEventPayload, type MembershipEventType } from "@orgboard/contract-membership";

export interface MembershipEvent<T extends MembershipEventType = MembershipEventType> {
  type: T;
  orgPath: string;
  aggregateId: string;
  payload: MembershipEventPayload<T>;
}

/** Builds an event; its payload is type-checked against its type. */
export function membershipEvent<T extends MembershipEventType>(type: T, orgPath: string, aggregateId: string | number, payload: MembershipEventPayload<T>): MembershipEvent<T> {
  return { type, orgPath, aggregateId: String(aggregateId), payload };
}
