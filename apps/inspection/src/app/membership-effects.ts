// Where a discipline decision's effect in membership stands (docs/inspection.md, "Effects in membership"):
// membership answers each `inspection.discipline.effective` it handles with `membership.decision.applied`
// or `membership.decision.refused` on its own stream. This follower reads that stream with inspection's
// client-credentials token and sets the decision's effect status (applied, or refused with membership's
// reason and message, shown on the case until an officer resolves it), writing the update, its audit record
// and the stream checkpoint in ONE transaction (the events already waiting share one): after a restart it
// resumes after the checkpoint, and an event seen twice changes nothing (a status already past
// `pending`/`refused` is left as it is).
import type { TokenSource } from "@orgboard/auth";
import { membershipEventSchemas } from "@orgboard/contract-membership";
import type { EventEnvelope } from "@orgboard/contracts";
import { consumeEventStream, recordCallerChange } from "@orgboard/events";
import type { Logger } from "@orgboard/server-kit";
import type { PrismaClient } from "../generated/prisma/client.js";

/** The stream followed and its checkpoint's key. */
export const MEMBERSHIP_SOURCE = "membership";
const APPLIED = "membership.decision.applied";
const REFUSED = "membership.decision.refused";
/** The audit record's action; its actor is membership (the service that applied or refused). */
export const EFFECT_RECORDED_ACTION = "inspection.discipline.effect_recorded";

/** What handling one event did: `skipped` (not about inspection's decisions), `unknown` (no such decision), `unchanged` (seen before). */
export type EffectOutcome = "applied" | "refused" | "unchanged" | "unknown" | "skipped";

export async function loadMembershipCheckpoint(db: PrismaClient): Promise<string | null> {
  const row = await db.streamCheckpoint.findUnique({ where: { source: MEMBERSHIP_SOURCE } });
  return row ? row.lastEventId.toString() : null;
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export const saveCheckpoint = (tx: Tx | PrismaClient, eventId: string) =>
  tx.streamCheckpoint.upsert({ where: { source: MEMBERSHIP_SOURCE }, create: { source: MEMBERSHIP_SOURCE, lastEventId: BigInt(eventId) }, update: { lastEventId: BigInt(eventId) } });

type Answer = ReturnType<typeof parseAnswer>;

/** The decision's effect an event answers, or null for an event about anything else (skipped). */
function parseAnswer(event: EventEnvelope) {
  if (event.type !== APPLIED && event.type !== REFUSED) return null;
  const p = event.type === APPLIED ? { ...membershipEventSchemas[APPLIED].parse(event.payload), reason: null, message: null } : membershipEventSchemas[REFUSED].parse(event.payload);
  if (p.source !== "inspection") return null;
  return { ...p, status: event.type === APPLIED ? ("applied" as const) : ("refused" as const) };
}

/** One answer inside the batch's transaction (no checkpoint). */
async function recordAnswer(tx: Tx, event: EventEnvelope, p: NonNullable<Answer>, now: () => Date): Promise<EffectOutcome> {
  const before = await tx.disciplineDecision.findUnique({ where: { id: p.decisionId } });
  // Not ours (another inspection database, or a decision since deleted): nothing to update.
  if (!before) return "unknown";
  // Only a pending effect moves (membership answers once per decision); a replay finds it moved already.
  const { count } = await tx.disciplineDecision.updateMany({
    where: { id: before.id, effectStatus: "pending" },
    data: { effectStatus: p.status, effectReason: p.reason, effectMessage: p.message, effectUpdatedAt: now() },
  });
  if (count === 0) return "unchanged";
  await recordCallerChange(tx, { principal: { subject: MEMBERSHIP_SOURCE }, requestId: `${MEMBERSHIP_SOURCE}-event-${event.id}`, action: EFFECT_RECORDED_ACTION }, {
    entity: "DisciplineDecision",
    entityId: before.id,
    orgPath: before.subjectOrgPath,
    before: { effectStatus: before.effectStatus },
    after: { effectStatus: p.status, reason: p.reason, message: p.message, membershipEventId: event.id },
  });
  return p.status;
}

/** A batch of up to 200 answers stays well inside this (Prisma's default, 5 s, is short on a loaded machine). */
const BATCH_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Handles a batch of membership's stream (id order) in ONE transaction: each answer's update and audit
 * record, then one checkpoint write (the last event's id). A batch with nothing about inspection's
 * decisions (most of membership's stream) writes nothing: the follower saves the checkpoint past such
 * events now and then (re-reading a few after a restart is harmless). Throws only on a failure worth
 * retrying (database down, malformed payload): nothing of the batch is kept.
 */
export async function handleMembershipEvents(db: PrismaClient, events: readonly EventEnvelope[], now: () => Date = () => new Date()): Promise<EffectOutcome[]> {
  const answers = events.map(parseAnswer);
  if (answers.every((p) => p === null)) return events.map(() => "skipped");
  return db.$transaction(
    async (tx) => {
      const outcomes: EffectOutcome[] = [];
      for (const [i, event] of events.entries()) {
        const p = answers[i];
        outcomes.push(p ? await recordAnswer(tx, event, p, now) : "skipped");
      }
      await saveCheckpoint(tx, events.at(-1)!.id);
      return outcomes;
    },
    { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
  );
}

/** Handles one event of membership's stream (handleMembershipEvents with a batch of one). */
export async function handleMembershipEvent(db: PrismaClient, event: EventEnvelope, now: () => Date = () => new Date()): Promise<EffectOutcome> {
  const [outcome] = await handleMembershipEvents(db, [event], now);
  return outcome!;
}

const SKIP_SAVE_EVERY = 100;

export interface MembershipFollowOptions {
  /** membership's base URL (MEMBERSHIP_URL); `/trpc` is appended. */
  url: string;
  getToken: TokenSource;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Most events handled in one transaction (default 200). */
  maxBatchSize?: number;
  /** Told after each event is committed (tests). */
  onHandled?: (event: EventEnvelope, outcome: EffectOutcome) => void;
}

export interface EffectFollower {
  lastId(): string | null;
  stop(): Promise<void>;
}

export async function followMembershipEffects(opts: MembershipFollowOptions & { db: PrismaClient; logger: Logger; now?: () => Date }): Promise<EffectFollower> {
  const fromId = await loadMembershipCheckpoint(opts.db);
  const log = opts.logger.child({ stream: "membership.events.stream" });
  log.info({ url: opts.url, fromId }, "following the effects of decisions in membership");
  // Skipped events: the checkpoint moves past them every SKIP_SAVE_EVERY or so, and on stop.
  let skippedSince: string | null = null;
  let skipped = 0;
  const consumer = consumeEventStream({
    url: `${opts.url.replace(/\/+$/, "")}/trpc`,
    path: "membership.events.stream",
    getToken: opts.getToken,
    fromId,
    retryDelayMs: opts.retryDelayMs,
    maxRetryDelayMs: opts.maxRetryDelayMs,
    maxBatchSize: opts.maxBatchSize,
    // The events already waiting, in one transaction (one commit and checkpoint write per batch).
    onBatch: async (events) => {
      const outcomes = await handleMembershipEvents(opts.db, events, opts.now);
      if (outcomes.every((o) => o === "skipped")) {
        skippedSince = events.at(-1)!.id;
        skipped += events.length;
        if (skipped >= SKIP_SAVE_EVERY) {
          await saveCheckpoint(opts.db, skippedSince);
          skippedSince = null;
          skipped = 0;
        }
      } else {
        // The batch's transaction saved the checkpoint past its last event.
        skippedSince = null;
        skipped = 0;
      }
      events.forEach((event, i) => {
        const outcome = outcomes[i]!;
        if (outcome !== "skipped") log.info({ eventId: event.id, outcome }, "effect of a decision recorded");
        opts.onHandled?.(event, outcome);
      });
    },
    onError: (err) => log.warn({ err }, "membership's stream failed; retrying after the last event handled"),
  });
  return {
    lastId: () => consumer.lastId(),
    async stop() {
      await consumer.stop();
      if (skippedSince !== null) await saveCheckpoint(opts.db, skippedSince).catch((err: unknown) => log.warn({ err }, "checkpoint not saved on stop"));
    },
  };
}
