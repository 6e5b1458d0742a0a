// Audit + outbox in the caller's transaction (0001), with the event builder typed by the contract; and
// the audited reads of cadre files (decision 0009: kind "read" on the same chain).
import type { PersonnelEventPayload, PersonnelEventType } from "@orgboard/contract-personnel";
import { recordCallerReads, type Caller, type RawSqlClient } from "@orgboard/events";
import type { Prisma } from "../generated/prisma/client.js";

export type Tx = Prisma.TransactionClient;

export { recordCallerChange, type Caller } from "@orgboard/events";

export interface PersonnelEvent<T extends PersonnelEventType = PersonnelEventType> {
  type: T;
  orgPath: string;
  aggregateId: string;
  payload: PersonnelEventPayload<T>;
}

export function personnelEvent<T extends PersonnelEventType>(type: T, orgPath: string, aggregateId: string, payload: PersonnelEventPayload<T>): PersonnelEvent<T> {
  return { type, orgPath, aggregateId, payload };
}

/** Records that `caller` read these cadre files, one read record each (a list page: at most 200). */
export async function recordCadreReads(tx: RawSqlClient, caller: Caller, cadres: readonly { id: string; orgPath: string }[], how: "get" | "list"): Promise<void> {
  if (cadres.length === 0) return;
  await recordCallerReads(tx, caller, cadres.map((c) => ({ entity: "Cadre", entityId: c.id, orgPath: c.orgPath, after: { read: how } })));
}
