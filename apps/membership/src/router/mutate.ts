// The one way a procedure changes data: its writes, the audit record and the outbox event(s) commit in
// ONE transaction (0001), then open event streams are woken. packages/events' recordCallerChange goes
// last (it takes the advisory lock that keeps outbox ids in commit order); a second event of the same
// change (a transfer seen from both ends) is inserted under that lock.
import type { Principal } from "@orgboard/auth";
import { recordCallerChange } from "@orgboard/events";
import type { Database, Sql } from "../db/sql.js";
import type { MembershipEvent } from "./events.js";

export interface Change {
  /** Entity name in the audit log: "Member", "PartyOrganization", "Transfer", … */
  entity: string;
  entityId: string | number;
  /** Where the change happened (the record's organization). */
  orgPath: string;
  before?: unknown;
  after?: unknown;
}

export interface MutationOutcome<T> {
  result: T;
  change: Change;
  events: [MembershipEvent, ...MembershipEvent[]];
}

export interface MutationContext {
  db: Database;
  principal: Principal;
  requestId: string;
  action: string;
  notify(): void;
}

export async function recordOutcome(tx: Sql, ctx: Omit<MutationContext, "db" | "notify">, change: Change, events: readonly MembershipEvent[]): Promise<void> {
  await recordCallerChange(tx, ctx, { ...change, events });
}

/** Runs `work` in a transaction that also writes its audit record and events; wakes streams after commit. */
export async function mutate<T>(ctx: MutationContext, work: (tx: Sql) => Promise<MutationOutcome<T>>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const outcome = await work(tx);
    await recordOutcome(tx, ctx, outcome.change, outcome.events);
    return outcome.result;
  });
  ctx.notify();
  return result;
}
