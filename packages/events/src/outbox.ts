import { isOrgPath } from "@orgboard/contracts";
import { INSERT_CHAINED_AUDIT_SQL, type AuditKind } from "./audit-chain.js";
import { asRawSql, type SqlHandle } from "./sql.js";

/** Advisory lock key ("outbox" in ASCII) serializing audit and outbox inserts until commit; see recordChange. */
export const OUTBOX_LOCK_KEY = 0x6f7574626f78n;
/** Channel of the NOTIFY sent (on commit) by recordChange. */
export const OUTBOX_CHANNEL = "orgboard_outbox";

export interface ChangeRecord {
  /** Principal subject (or service client id) that made the change. */
  actor: string;
  requestId?: string | null;
  /** The authorized action, e.g. `membership.members.create`. */
  action: string;
  /** Entity name, e.g. `Member`. */
  entity: string;
  entityId: string | number | bigint;
  orgPath: string;
  before?: unknown;
  after?: unknown;
  /** "change" (the default) or "read" (a read of personal data, see recordCallerRead). */
  kind?: AuditKind;
}

export interface OutboxEventInput {
  /** `<service>.<entity>.<pastTenseVerb>`, e.g. `membership.member.admitted`. */
  type: string;
  payload: unknown;
  /** Defaults to the change's entityId. */
  aggregateId?: string | number | bigint;
  /** Defaults to the change's orgPath. */
  orgPath?: string;
}

export interface RecordChangeOptions {
  /** NOTIFY channel, or false for none. */
  notifyChannel?: string | false;
}

/** JSON for jsonb columns: Dates as ISO strings (JSON.stringify does that), bigints as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** Who makes a change through an API: the audit record names the caller, its request and the action. */
export interface Caller {
  principal: { subject: string };
  requestId?: string | null;
  action: string;
}

/** A change made by a caller, with the events that announce it (none, one or several). */
export interface CallerChange extends Omit<ChangeRecord, "actor" | "requestId" | "action"> {
  events?: readonly OutboxEventInput[];
}

export interface RecordedChange {
  auditId: string;
  /** The first event's id (null without events). */
  eventId: string | null;
  /** Every event's id, in the order given. */
  eventIds: string[];
}

/**
 * Writes the audit record and the outbox event(s), inside the caller's transaction: call it with the
 * transaction's handle (a Prisma interactive-transaction client, or a pg / PGlite style `query` handle),
 * after the change itself, as the last statement. Several events (a heartbeat batch changing 500 sites,
 * a transfer seen from both ends) go in one statement, in the order given, under the same lock.
 *
 * Why the advisory lock: each audit record is chained to the previous one by hash (audit-chain.ts), so two
 * writers must not read the same head; and for the outbox, BIGSERIAL ids are handed out at insert but become visible at commit, so a
 * later id could commit first and a reader resuming "after it" would skip the earlier one forever.
 * Holding a transaction-scoped lock from the insert to commit makes visibility order = id order.
 * Cost: audit/outbox writes of one service are serialized for the (short) tail of their transactions.
 */
export async function recordChange(
  handle: SqlHandle,
  change: ChangeRecord,
  event?: OutboxEventInput | readonly OutboxEventInput[],
  opts: RecordChangeOptions = {},
): Promise<RecordedChange> {
  const tx = asRawSql(handle);
  if (!isOrgPath(change.orgPath)) throw new Error(`recordChange: orgPath ${JSON.stringify(change.orgPath)} is not an organization path`);
  const events = event === undefined ? [] : isEventList(event) ? event : [event];
  const rows = events.map((e) => {
    const orgPath = e.orgPath ?? change.orgPath;
    if (!isOrgPath(orgPath)) throw new Error(`recordChange: event orgPath ${JSON.stringify(orgPath)} is not an organization path`);
    return { type: e.type, orgPath, aggregateId: String(e.aggregateId ?? change.entityId), payload: toJson(e.payload ?? null) };
  });
  // The lock comes first: the audit record is chained to the head (audit-chain.ts), which only holds if
  // no other writer can read the same head before this transaction commits.
  const locked = await tx.$queryRawUnsafe<{ isolation: string }[]>(
    `SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_KEY.toString()}) IS NULL AS locked, current_setting('transaction_isolation') AS isolation`,
  );
  // Under REPEATABLE READ the snapshot predates the lock and could miss the head just committed.
  const isolation = locked[0]?.isolation;
  if (isolation !== "read committed") {
    throw new Error(`recordChange: needs a READ COMMITTED transaction (the audit chain), got ${isolation}`);
  }
  const auditRows = await tx.$queryRawUnsafe<{ id: string }[]>(
    INSERT_CHAINED_AUDIT_SQL,
    change.kind ?? "change",
    change.actor,
    change.requestId ?? null,
    change.action,
    change.entity,
    String(change.entityId),
    change.orgPath,
    change.before === undefined ? null : toJson(change.before),
    change.after === undefined ? null : toJson(change.after),
  );
  const auditId = auditRows[0]?.id ?? "";
  if (rows.length === 0) return { auditId, eventId: null, eventIds: [] };
  const inserted =
    rows.length === 1
      ? await tx.$queryRawUnsafe<{ id: string }[]>(
          `INSERT INTO outbox_event (type, org_path, aggregate_id, payload)
           VALUES ($1, $2, $3, $4::jsonb) RETURNING id::text AS id`,
          rows[0]!.type,
          rows[0]!.orgPath,
          rows[0]!.aggregateId,
          rows[0]!.payload,
        )
      : // ORDER BY n: ids are drawn in the order given.
        await tx.$queryRawUnsafe<{ id: string }[]>(
          `INSERT INTO outbox_event (type, org_path, aggregate_id, payload)
           SELECT t, o, a, p::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS e(t, o, a, p, n) ORDER BY n
           RETURNING id::text AS id`,
          rows.map((r) => r.type),
          rows.map((r) => r.orgPath),
          rows.map((r) => r.aggregateId),
          rows.map((r) => r.payload),
        );
  const eventIds = inserted.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  const eventId = eventIds[0] ?? null;
  const channel = opts.notifyChannel ?? OUTBOX_CHANNEL;
  // Delivered by PostgreSQL only if and when the transaction commits.
  if (channel) await tx.$executeRawUnsafe(`SELECT pg_notify($1, $2)`, channel, eventId ?? "");
  return { auditId, eventId, eventIds };
}

/** recordChange for a procedure: actor, request id and action are the caller's; the events ride on the change. */
export function recordCallerChange(handle: SqlHandle, caller: Caller, change: CallerChange, opts?: RecordChangeOptions): Promise<RecordedChange> {
  const { events, ...audit } = change;
  return recordChange(handle, { actor: caller.principal.subject, requestId: caller.requestId ?? null, action: caller.action, ...audit }, events ?? [], opts);
}

function isEventList(event: OutboxEventInput | readonly OutboxEventInput[]): event is readonly OutboxEventInput[] {
  return Array.isArray(event);
}

/** What a caller read: one record per call (a list is one record, not one per row). */
export interface CallerRead {
  entity: string;
  entityId: string | number | bigint;
  orgPath: string;
  /** What was asked (filters, page), never the personal data returned. */
  after?: unknown;
}

/**
 * Audits a read of personal data (kind "read", same chain as changes) in its own short transaction-scoped
 * write: give it a transaction handle (the read itself need not be in it). No event, no NOTIFY.
 */
export async function recordCallerRead(handle: SqlHandle, caller: Caller, read: CallerRead): Promise<string> {
  const { auditId } = await recordChange(handle, { actor: caller.principal.subject, requestId: caller.requestId ?? null, action: caller.action, kind: "read", ...read }, []);
  return auditId;
}

/**
 * Audits several reads of one call, one record each, chained in the order given (a service that must
 * audit each record a list returned, e.g. inspection's cases). One lock, one INSERT per record: keep the
 * list paged. A plain list of personal data needs only recordCallerRead with what was asked.
 */
export async function recordCallerReads(handle: SqlHandle, caller: Caller, reads: readonly CallerRead[]): Promise<string[]> {
  const ids: string[] = [];
  for (const read of reads) ids.push(await recordCallerRead(handle, caller, read));
  return ids;
}
