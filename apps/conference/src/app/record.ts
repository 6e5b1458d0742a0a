// Audit + outbox in the caller's transaction (0001), through packages/events' recordChange. One change
// here may announce several events (a heartbeat batch changing 500 sites; three documents at once):
// the first goes through recordChange (audit row, advisory lock, NOTIFY), the rest are inserted in
// one statement under the lock recordChange already holds, so ids stay in commit order.
import { recordChange as recordOne, toJson } from "@orgboard/events";
import type { ConferenceEvent } from "../events.js";
import type { Prisma } from "../generated/prisma/client.js";

export type Tx = Prisma.TransactionClient;

export interface Change {
  /** Principal subject (or the bridge's client id). */
  actor: string;
  requestId?: string | null;
  /** The policy action the change was made under, e.g. "conference.conferences.run". */
  action: string;
  entity: string;
  entityId: string;
  orgPath: string;
  before?: unknown;
  after?: unknown;
  events: readonly ConferenceEvent[];
}

/** Who makes a change through the API: the audit record names the caller, its request and the action. */
export interface Caller {
  principal: { subject: string };
  requestId: string;
  action: string;
}

export async function recordChange(tx: Tx, change: Change): Promise<void> {
  const [first, ...rest] = change.events;
  const { events: _events, ...audit } = change;
  await recordOne(tx, audit, first ? { type: first.type, orgPath: first.orgPath, aggregateId: first.aggregateId, payload: first.payload } : undefined);
  if (rest.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_event (type, org_path, aggregate_id, payload)
     SELECT t, o, a, p::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS e(t, o, a, p, n) ORDER BY n`,
    rest.map((e) => e.type),
    rest.map((e) => e.orgPath),
    rest.map((e) => e.aggregateId),
    rest.map((e) => toJson(e.payload)),
  );
}

/** recordChange for a procedure: actor, request id and action are the caller's. */
export function recordCallerChange(tx: Tx, caller: Caller, change: Omit<Change, "actor" | "requestId" | "action">): Promise<void> {
  return recordChange(tx, { actor: caller.principal.subject, requestId: caller.requestId, action: caller.action, ...change });
}
