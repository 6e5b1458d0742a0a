// Where a discipline decision's effect in membership stands (docs/inspection.md, "Effects in membership"):
// membership answers each `inspection.discipline.effective` it handles with `membership.decision.applied`
// or `membership.decision.refused` on its own stream. This follower reads that stream with inspection's
// client-credentials token and sets the decision's effect status (applied, or refused with membership's
// reason and message, shown on the case until an officer resolves it), writing the update, its audit record
// and the stream checkpoint in ONE transaction: after a restart it resumes after the checkpoint, and an
// event seen twice changes nothing (a status already past `pending`/`refused` is left as it is).
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

/**
 * Handles one event of membership's stream; throws only on a failure worth retrying (database down,
 * malformed payload). Events about anything else (most of membership's stream) are `skipped` without a
 * write: the follower saves the checkpoint past them now and then (re-reading a few after a restart is
 * harmless).
 */
export async function handleMembershipEvent(db: PrismaClient, event: EventEnvelope, now: () => Date = () => new Date()): Promise<EffectOutcome> {
  if (event.type !== APPLIED && event.type !== REFUSED) return "skipped";
  const p = event.type === APPLIED ? { ...membershipEventSchemas[APPLIED].parse(event.payload), reason: null, message: null } : membershipEventSchemas[REFUSED].parse(event.payload);
  if (p.source !== "inspection") return "skipped";
  const status = event.type === APPLIED ? "applied" : "refused";
  return db.$transaction(async (tx) => {
    const before = await tx.disciplineDecision.findUnique({ where: { id: p.decisionId } });
    if (!before) {
      // Not ours (another inspection database, or a decision since deleted): nothing to update.
      await saveCheckpoint(tx, event.id);
      return "unknown";
    }
    // Only a pending effect moves (membership answers once per decision); a replay finds it moved already.
    const { count } = await tx.disciplineDecision.updateMany({
      where: { id: before.id, effectStatus: "pending" },
      data: { effectStatus: status, effectReason: p.reason, effectMessage: p.message, effectUpdatedAt: now() },
    });
    await saveCheckpoint(tx, event.id);
    if (count === 0) return "unchanged";
    await recordCallerChange(tx, { principal: { subject: MEMBERSHIP_SOURCE }, requestId: `${MEMBERSHIP_SOURCE}-event-${event.id}`, action: EFFECT_RECORDED_ACTION }, {
      entity: "DisciplineDecision",
      entityId: before.id,
      orgPath: before.subjectOrgPath,
      before: { effectStatus: before.effectStatus },
      after: { effectStatus: status, reason: p.reason, message: p.message, membershipEventId: event.id },
    });
    return status;
  });
}

const SKIP_SAVE_EVERY = 100;

export interface MembershipFollowOptions {
  /** membership's base URL (MEMBERSHIP_URL); `/trpc` is appended. */
  url: string;
  getToken: TokenSource;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
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
  // Skipped events: the checkpoint moves past them every SKIP_SAVE_EVERY, and on stop.
  let skippedSince: string | null = null;
  let skipped = 0;
  const consumer = consumeEventStream({
    url: `${opts.url.replace(/\/+$/, "")}/trpc`,
    path: "membership.events.stream",
    getToken: opts.getToken,
    fromId,
    retryDelayMs: opts.retryDelayMs,
    maxRetryDelayMs: opts.maxRetryDelayMs,
    onEvent: async (event) => {
      const outcome = await handleMembershipEvent(opts.db, event, opts.now);
      if (outcome === "skipped") {
        skippedSince = event.id;
        if (++skipped % SKIP_SAVE_EVERY === 0) {
          await saveCheckpoint(opts.db, event.id);
          skippedSince = null;
        }
      } else {
        skippedSince = null;
        log.info({ eventId: event.id, outcome }, "effect of a decision recorded");
      }
      opts.onHandled?.(event, outcome);
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
