// Follows inspection's event stream (`inspection.events.stream`, contract-inspection) with membership's own
// client-credentials token and applies its discipline decisions (apply-decision.ts). It resumes after the
// checkpoint row written with the last event's effects (the events already waiting commit as one batch),
// so a restart at any point neither loses nor repeats an effect; consumeEventStream reconnects after
// disconnects and inspection's restarts.
import type { TokenSource } from "@orgboard/auth";
import type { EventEnvelope } from "@orgboard/contracts";
import { consumeEventStream } from "@orgboard/events";
import type { Logger } from "@orgboard/server-kit";
import type { MembershipDatabase } from "../db/open.js";
import { handleInspectionEvents, INSPECTION_SOURCE, loadCheckpoint, type DecisionOutcome } from "./apply-decision.js";

export interface InspectionFollowOptions {
  /** inspection's base URL (INSPECTION_URL); `/trpc` is appended. */
  url: string;
  getToken: TokenSource;
  /** First delay before reconnecting after a failure (doubles up to maxRetryDelayMs). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Most events applied in one transaction (default 200). */
  maxBatchSize?: number;
  /** Told after each event is committed (tests, benchmarks). */
  onHandled?: (event: EventEnvelope, outcome: DecisionOutcome) => void;
}

export interface DecisionConsumer {
  /** Last event id committed. */
  lastId(): string | null;
  state(): "connecting" | "connected" | "backoff" | "stopped";
  stop(): Promise<void>;
}

export async function startInspectionConsumer(opts: InspectionFollowOptions & { db: MembershipDatabase; logger: Logger; notify: () => void }): Promise<DecisionConsumer> {
  const fromId = await loadCheckpoint(opts.db.prisma);
  const log = opts.logger.child({ stream: "inspection.events.stream" });
  let state: ReturnType<DecisionConsumer["state"]> = "connecting";
  log.info({ url: opts.url, fromId }, "following inspection's decisions");
  const consumer = consumeEventStream({
    url: `${opts.url}/trpc`,
    path: "inspection.events.stream",
    getToken: opts.getToken,
    fromId,
    retryDelayMs: opts.retryDelayMs,
    maxRetryDelayMs: opts.maxRetryDelayMs,
    maxBatchSize: opts.maxBatchSize,
    // The events already waiting, in one transaction (one commit and checkpoint write per batch).
    onBatch: async (events) => {
      const outcomes = await handleInspectionEvents(opts.db.prisma, events, INSPECTION_SOURCE);
      // Our own stream has new events: wake its readers (inspection follows them), once per batch.
      if (outcomes.some((o) => o === "applied" || o === "refused")) opts.notify();
      events.forEach((event, i) => {
        const outcome = outcomes[i]!;
        if (outcome !== "skipped") log.info({ eventId: event.id, decisionId: (event.payload as { decisionId?: string }).decisionId, outcome }, "inspection decision handled");
        opts.onHandled?.(event, outcome);
      });
    },
    onError: (err) => log.warn({ err }, "inspection's stream failed; retrying after the last event applied"),
    onStateChange: (s) => (state = s),
  });
  return { lastId: () => consumer.lastId(), state: () => state, stop: () => consumer.stop() };
}
