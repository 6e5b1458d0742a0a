import { scopeFilter, type Principal } from "@orgboard/auth";
import { eventStreamInputSchema, type EventEnvelope } from "@orgboard/contracts";
import { tracked, type TrackedEnvelope } from "@trpc/server";
import type { ProcedureBuilder, UnsetMarker } from "@trpc/server/unstable-core-do-not-import";
import type { OutboxNotifier } from "./notifier.js";
import { asRawSql, likePrefix, type SqlHandle } from "./sql.js";

export interface ReadEventsOptions {
  /** Exclusive: rows with id > afterId. */
  afterId?: string | bigint | number | null;
  limit?: number;
  /** Org path prefixes the reader may see; empty ⇒ nothing (default deny). `/` ⇒ everything. */
  pathPrefixes: readonly string[];
}

interface OutboxRow {
  id: string;
  type: string;
  org_path: string;
  aggregate_id: string;
  payload: string;
  occurred_at: string;
}

function toBigInt(id: string | bigint | number | null | undefined): bigint {
  if (id === null || id === undefined || id === "") return 0n;
  if (typeof id === "string" && !/^\d{1,19}$/.test(id)) throw new Error(`bad event id "${id}"`);
  return BigInt(id);
}

/** Outbox rows after `afterId`, in id order, confined to `pathPrefixes`. */
export async function readEvents(db: SqlHandle, opts: ReadEventsOptions): Promise<EventEnvelope[]> {
  const prefixes = [...new Set(opts.pathPrefixes)];
  if (prefixes.length === 0) return [];
  const limit = Math.max(1, Math.min(opts.limit ?? 100, 1000));
  const after = toBigInt(opts.afterId);
  const values: unknown[] = [after.toString()];
  let scope = "";
  if (!prefixes.includes("/")) {
    const likes = prefixes.map((p) => {
      values.push(likePrefix(p));
      return `org_path LIKE $${values.length}`;
    });
    scope = ` AND (${likes.join(" OR ")})`;
  }
  // Text casts keep the result identical across drivers (Prisma/pg/PGlite differ on bigint, jsonb, time).
  const rows = await asRawSql(db).$queryRawUnsafe<OutboxRow[]>(
    `SELECT id::text AS id, type, org_path, aggregate_id, payload::text AS payload,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at
       FROM outbox_event
      WHERE id > $1::bigint${scope}
      ORDER BY outbox_event.id
      LIMIT ${limit}`,
    ...values,
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    orgPath: r.org_path,
    aggregateId: r.aggregate_id,
    occurredAt: r.occurred_at,
    payload: JSON.parse(r.payload) as unknown,
  }));
}

export interface EventStreamOptions {
  db: SqlHandle;
  notifier?: OutboxNotifier;
  /** How often to look for new rows when not woken. Default 1000 ms. */
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Wake-ups of one stream. It listens for its whole life, not only while waiting: a commit notified while
 * the stream was reading (after its query's snapshot) would otherwise be missed until the next poll.
 */
function wakeUps(notifier: OutboxNotifier | undefined) {
  let woken = false;
  let resolveWait: (() => void) | null = null;
  const unsubscribe = notifier?.subscribe(() => {
    woken = true;
    resolveWait?.();
  });
  return {
    /** Forgets the wake-ups so far: call just before reading, so those the read may miss count. */
    reset: () => void (woken = false),
    /** Resolves after `ms`, on a wake-up since the last reset, or on abort. */
    wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
      return new Promise<void>((resolve) => {
        if (signal?.aborted || woken) return resolve();
        const done = () => {
          clearTimeout(timer);
          resolveWait = null;
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        resolveWait = done;
        signal?.addEventListener("abort", done, { once: true });
      });
    },
    close: () => unsubscribe?.(),
  };
}

/**
 * The body of `<service>.events.stream`: yields `tracked(id, event)` in id order after `lastEventId`,
 * only events inside the principal's scope, until `signal` aborts.
 */
export async function* streamEvents(
  opts: EventStreamOptions & { principal: Principal; lastEventId?: string | null; signal?: AbortSignal },
): AsyncGenerator<TrackedEnvelope<EventEnvelope>, void, unknown> {
  const prefixes = scopeFilter(opts.principal);
  const batchSize = opts.batchSize ?? 100;
  let cursor = toBigInt(opts.lastEventId);
  const wake = wakeUps(opts.notifier);
  try {
    while (!opts.signal?.aborted) {
      wake.reset();
      const events = await readEvents(opts.db, { afterId: cursor, limit: batchSize, pathPrefixes: prefixes });
      for (const event of events) {
        yield tracked(event.id, event);
        cursor = BigInt(event.id);
      }
      if (events.length < batchSize) await wake.wait(opts.pollIntervalMs ?? 1000, opts.signal);
    }
  } finally {
    wake.close();
  }
}

/**
 * `<service>.events.stream` in one line:
 * `stream: createEventStreamProcedure(authedProcedure("membership.events.read"), { db, notifier })`.
 */
export function createEventStreamProcedure<TContext, TMeta, TContextOverrides extends { principal: Principal }>(
  builder: ProcedureBuilder<TContext, TMeta, TContextOverrides, UnsetMarker, UnsetMarker, UnsetMarker, UnsetMarker, false>,
  opts: EventStreamOptions,
) {
  return builder.input(eventStreamInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const { principal } = ctx as unknown as { principal: Principal };
    yield* streamEvents({ ...opts, principal, lastEventId: input.lastEventId ?? null, signal });
  });
}
