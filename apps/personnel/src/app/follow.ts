// Following another service's event stream with personnel's service token, resuming after the checkpoint
// the handler commits with its changes (inspection-effects.ts, membership-effects.ts).
import type { TokenSource } from "@orgboard/auth";
import type { EventEnvelope } from "@orgboard/contracts";
import { consumeEventStream } from "@orgboard/events";
import type { Logger } from "@orgboard/server-kit";
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Tx } from "./record.js";

export interface FollowOptions<O> {
  /** The service's base URL (INSPECTION_URL, MEMBERSHIP_URL); `/trpc` is appended. */
  url: string;
  getToken: TokenSource;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  maxBatchSize?: number;
  /** Told after each event is committed (tests). */
  onHandled?: (event: EventEnvelope, outcome: O) => void;
}

export interface Follower {
  lastId(): string | null;
  stop(): Promise<void>;
}

export async function loadCheckpoint(db: PrismaClient, source: string): Promise<string | null> {
  const row = await db.streamCheckpoint.findUnique({ where: { source } });
  return row ? row.lastEventId.toString() : null;
}

/** Follows `path` from the checkpoint of `source`; `handle` applies a batch and commits the checkpoint in one transaction. */
export async function followStream<O extends string>(
  opts: FollowOptions<O> & { db: PrismaClient; logger: Logger },
  stream: { source: string; path: string; what: string; handle: (db: PrismaClient, events: readonly EventEnvelope[]) => Promise<O[]> },
): Promise<Follower> {
  const fromId = await loadCheckpoint(opts.db, stream.source);
  const log = opts.logger.child({ stream: stream.path });
  log.info({ url: opts.url, fromId }, `following ${stream.what}`);
  const consumer = consumeEventStream({
    url: `${opts.url.replace(/\/+$/, "")}/trpc`,
    path: stream.path,
    getToken: opts.getToken,
    fromId,
    retryDelayMs: opts.retryDelayMs,
    maxRetryDelayMs: opts.maxRetryDelayMs,
    maxBatchSize: opts.maxBatchSize,
    onBatch: async (events) => {
      const outcomes = await stream.handle(opts.db, events);
      events.forEach((event, i) => {
        const outcome = outcomes[i]!;
        if (outcome !== "skipped") log.info({ eventId: event.id, outcome }, `${stream.what}: event handled`);
        opts.onHandled?.(event, outcome);
      });
    },
    onError: (err) => log.warn({ err }, `${stream.path} failed; retrying after the last event handled`),
  });
  return { lastId: () => consumer.lastId(), stop: () => consumer.stop() };
}

/** A batch of up to 200 events stays well inside this on a loaded machine. */
const BATCH_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Applies a batch of `source`'s stream (id order) in ONE transaction, its checkpoint included. Throws only
 * on a failure worth retrying (database down): nothing of the batch is kept, the follower retries it.
 */
export async function applyBatch<O>(db: PrismaClient, source: string, events: readonly EventEnvelope[], apply: (tx: Tx, event: EventEnvelope) => Promise<O>): Promise<O[]> {
  if (events.length === 0) return [];
  return db.$transaction(
    async (tx) => {
      const outcomes: O[] = [];
      for (const event of events) outcomes.push(await apply(tx, event));
      const last = BigInt(events.at(-1)!.id);
      await tx.streamCheckpoint.upsert({ where: { source }, create: { source, lastEventId: last }, update: { lastEventId: last } });
      return outcomes;
    },
    { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
  );
}
