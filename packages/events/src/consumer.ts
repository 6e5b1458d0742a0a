import { authorizedEventSourceInit, eventEnvelopeSchema, type EventEnvelope, type TokenGetter } from "@orgboard/contracts";
import { createTRPCUntypedClient, httpSubscriptionLink } from "@trpc/client";
import { EventSource } from "eventsource";

export interface ConsumeEventStreamOptions {
  /** The service's tRPC endpoint, e.g. `http://127.0.0.1:4001/trpc`. */
  url: string;
  /** The stream procedure, e.g. `membership.events.stream`. */
  path: string;
  getToken: TokenGetter;
  /** Last event id already processed (exclusive); null/undefined ⇒ from the beginning. */
  fromId?: string | null;
  /**
   * Called once per event, in id order, one at a time. Persist `event.id` with the effects (same
   * transaction) to resume exactly after a process restart. Throwing makes the consumer back off and
   * resubscribe after the last event that succeeded. Give this or `onBatch`.
   */
  onEvent?: (event: EventEnvelope) => Promise<void> | void;
  /**
   * Called with the events already waiting (1 to maxBatchSize, in id order), one batch at a time: apply
   * them in ONE transaction with the last event's id as the checkpoint, so a burst costs one commit per
   * batch, not per event. When a batch throws (its transaction rolled back, nothing applied), its events
   * are handed again one at a time (`onBatch([event])`): the events before a poison event take effect, and
   * the poison event itself fails alone, as with onEvent (back off, resubscribe after the last success).
   * Takes precedence over onEvent.
   */
  onBatch?: (events: EventEnvelope[]) => Promise<void> | void;
  /** Most events handed to onBatch at once (default 200). */
  maxBatchSize?: number;
  onError?: (err: unknown) => void;
  /** Connection state, for health/metrics. */
  onStateChange?: (state: "connecting" | "connected" | "backoff" | "stopped") => void;
  signal?: AbortSignal;
  /** Backoff after a failure: starts here, doubles, capped at maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** EventSource class; defaults to the `eventsource` package (Node has none built in before 24). */
  EventSource?: typeof EventSource;
}

export interface EventStreamConsumer {
  /** Id of the last event handled successfully. */
  lastId(): string | null;
  /** Stops and resolves when the current handler (if any) has finished. */
  stop(): Promise<void>;
  /** Resolves when the consumer has stopped. */
  done: Promise<void>;
}

const isAfter = (id: string, last: string | null) => last === null || BigInt(id) > BigInt(last);

/**
 * Follows a service's event stream for as long as it runs: reconnects after disconnects and server
 * restarts, always resuming after the last event it processed, and never hands the same id twice.
 */
export function consumeEventStream(opts: ConsumeEventStreamOptions): EventStreamConsumer {
  let last: string | null = opts.fromId ?? null;
  let stopped = false;
  const ac = new AbortController();
  const stopSignal = ac.signal;
  opts.signal?.addEventListener("abort", () => ac.abort(), { once: true });
  const baseDelay = opts.retryDelayMs ?? 500;
  const maxDelay = opts.maxRetryDelayMs ?? 10_000;
  const maxBatch = Math.max(1, Math.floor(opts.maxBatchSize ?? 200));
  if (!opts.onBatch && !opts.onEvent) throw new Error("consumeEventStream: give onEvent or onBatch");

  const client = createTRPCUntypedClient({
    links: [
      httpSubscriptionLink({
        url: opts.url,
        EventSource: opts.EventSource ?? EventSource,
        eventSourceOptions: () => authorizedEventSourceInit(opts.getToken),
      }),
    ],
  });

  /** Hands events to the handler: a batch to onBatch, or each in turn to onEvent; `last` moves after each success. */
  async function handle(events: EventEnvelope[]): Promise<void> {
    if (opts.onBatch) {
      await opts.onBatch(events);
      last = events.at(-1)!.id;
      return;
    }
    for (const event of events) {
      await opts.onEvent!(event);
      last = event.id;
    }
  }

  /** One subscription; resolves when it ends for any reason (error, completion, handler failure, stop). */
  function runOnce(): Promise<{ progressed: boolean }> {
    return new Promise((resolve) => {
      const startedAt = last;
      /** Received, not handled yet (ids increasing, all after `last`). */
      const waiting: { id: string; data: unknown }[] = [];
      let queued = last;
      let draining: Promise<void> | null = null;
      let failed = false;
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        sub.unsubscribe();
        stopSignal.removeEventListener("abort", finish);
        // Let the handler in progress finish before reporting the end.
        void (draining ?? Promise.resolve()).then(() => resolve({ progressed: last !== startedAt }));
      };
      const fail = (err: unknown) => {
        if (!stopSignal.aborted) opts.onError?.(err);
        finish();
      };
      const drain = async () => {
        // One macrotask's wait lets the events that arrived together (one SSE chunk) form one batch.
        await new Promise<void>((r) => setImmediate(r));
        // Events received before the subscription ended are still handled (as they were one by one before).
        while (waiting.length > 0 && !failed && !stopSignal.aborted) {
          const raw = waiting.splice(0, maxBatch);
          const events: EventEnvelope[] = [];
          let malformed: Error | null = null;
          for (const r of raw) {
            const parsed = eventEnvelopeSchema.safeParse(r.data);
            if (!parsed.success) {
              malformed = parsed.error;
              break;
            }
            events.push(parsed.data);
          }
          try {
            if (events.length > 0) {
              try {
                await handle(events);
              } catch (err) {
                if (!opts.onBatch || events.length === 1) throw err;
                // The batch rolled back as a whole: hand its events again one at a time.
                if (!stopSignal.aborted) opts.onError?.(err);
                for (const event of events) if (!stopSignal.aborted) await handle([event]);
              }
            }
            if (malformed !== null) throw malformed;
          } catch (err) {
            failed = true;
            fail(err);
          }
        }
        draining = null;
      };
      opts.onStateChange?.("connecting");
      const sub = client.subscription(opts.path, last === null ? {} : { lastEventId: last }, {
        onStarted: () => opts.onStateChange?.("connected"),
        onData: (raw: unknown) => {
          const { id, data } = (raw ?? {}) as { id?: string; data?: unknown };
          if (failed || settled || typeof id !== "string" || !isAfter(id, queued)) return;
          queued = id;
          waiting.push({ id, data });
          draining ??= drain();
        },
        onError: fail,
        onComplete: finish,
      });
      stopSignal.addEventListener("abort", finish, { once: true });
    });
  }

  const done = (async () => {
    let delay = baseDelay;
    while (!stopSignal.aborted) {
      const { progressed } = await runOnce();
      if (stopSignal.aborted) break;
      if (progressed) delay = baseDelay;
      opts.onStateChange?.("backoff");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        stopSignal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
      });
      delay = Math.min(delay * 2, maxDelay);
    }
    stopped = true;
    opts.onStateChange?.("stopped");
  })();

  return {
    lastId: () => last,
    async stop() {
      if (!stopped) ac.abort();
      await done;
    },
    done,
  };
}
