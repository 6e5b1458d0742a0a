import { isOrgPath } from "@orgboard/contracts";
import type { RawSqlClient } from "./sql.js";

/** Advisory lock key ("outbox" in ASCII) serializing outbox inserts until commit; see recordChange. */
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

/**
 * Writes the audit record and (optionally) the outbox event, inside the caller's transaction: call it
 * with the interactive-transaction client, after the change itself, as the last statement.
 *
 * Why the advisory lock: BIGSERIAL ids are handed out at insert but become visible at commit, so a
 * later id could commit first and a reader resuming "after it" would skip the earlier one forever.
 * Holding a transaction-scoped lock from the insert to commit makes visibility order = id order.
 * Cost: outbox writes of one service are serialized for the (short) tail of their transactions.
 */
export async function recordChange(
  tx: RawSqlClient,
  change: ChangeRecord,
  event?: OutboxEventInput,
  opts: RecordChangeOptions = {},
): Promise<{ auditId: string; eventId: string | null }> {
  if (!isOrgPath(change.orgPath)) throw new Error(`recordChange: orgPath ${JSON.stringify(change.orgPath)} is not an organization path`);
  const auditRows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO audit_record (actor, request_id, action, entity, entity_id, org_path, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING id::text AS id`,
    change.actor,
    change.requestId ?? null,
    change.action,
    change.entity,
    String(change.entityId),
    change.orgPath,
    change.before === undefined ? null : toJson(change.before),
    change.after === undefined ? null : toJson(change.after),
  );
  let eventId: string | null = null;
  if (event) {
    const orgPath = event.orgPath ?? change.orgPath;
    if (!isOrgPath(orgPath)) throw new Error(`recordChange: event orgPath ${JSON.stringify(orgPath)} is not an organization path`);
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_KEY.toString()})`);
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO outbox_event (type, org_path, aggregate_id, payload)
       VALUES ($1, $2, $3, $4::jsonb) RETURNING id::text AS id`,
      event.type,
      orgPath,
      String(event.aggregateId ?? change.entityId),
      toJson(event.payload ?? null),
    );
    eventId = rows[0]?.id ?? null;
    const channel = opts.notifyChannel ?? OUTBOX_CHANNEL;
    // Delivered by PostgreSQL only if and when the transaction commits.
    if (channel) await tx.$executeRawUnsafe(`SELECT pg_notify($1, $2)`, channel, eventId ?? "");
  }
  return { auditId: auditRows[0]?.id ?? "", eventId };
}
