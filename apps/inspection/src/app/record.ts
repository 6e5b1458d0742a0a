// Audit + outbox in the caller's transaction (0001): packages/events' recordCallerChange (one change, any
// number of events, in one statement under the outbox lock), and the event builder typed by the contract.
import type { InspectionEventPayload, InspectionEventType } from "@orgboard/contract-inspection";
import type { Prisma } from "../generated/prisma/client.js";

export type Tx = Prisma.TransactionClient;

export { recordCallerChange, type Caller } from "@orgboard/events";

export interface InspectionEvent<T extends InspectionEventType = InspectionEventType> {
  type: T;
  /** The subject's organization (scoped readers route by it). */
  orgPath: string;
  aggregateId: string;
  payload: InspectionEventPayload<T>;
}

/** Builds an event; the payload type is checked against its type at compile time. */
export function inspectionEvent<T extends InspectionEventType>(type: T, orgPath: string, aggregateId: string, payload: InspectionEventPayload<T>): InspectionEvent<T> {
  return { type, orgPath, aggregateId, payload };
}
