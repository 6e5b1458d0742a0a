// The older write path, over the raw `Sql` handle, kept only for the export (router/export, which writes
// through the data layer's handle); every other procedure writes with
// `ctx.prisma.$transaction(…recordCallerChange(tx, ctx, …))`, the way conference and inspection write. Same guarantee: the writes, the audit record and the outbox event(s)
// commit in ONE transaction (0001); recordCallerChange goes last (it takes the advisory lock that keeps
// outbox ids in commit order). The procedure middleware wakes the streams after commit.
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
}

export async function recordOutcome(tx: Sql, ctx: Omit<MutationContext, "db" | "notify">, change: Change, events: readonly MembershipEvent[]): Promise<void> {
  await recordCallerChange(tx, ctx, { ...change, events });
}

/** Runs `work` in a transaction that also writes its audit record and events (the middleware wakes streams). */
export async function mutate<T>(ctx: MutationContext, work: (tx: Sql) => Promise<MutationOutcome<T>>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const outcome = await work(tx);
    await recordOutcome(tx, ctx, outcome.change, outcome.events);
    return outcome.result;
  });
  return result;
}
