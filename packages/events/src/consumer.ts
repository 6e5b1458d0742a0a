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
   * resubscribe after the last event that succeeded.
   */
  onEvent: (event: EventEnvelope) => Promise<void> | void;
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

  const client = createTRPCUntypedClient({
    links: [
      httpSubscriptionLink({
        url: opts.url,
        EventSource: opts.EventSource ?? EventSource,
        eventSourceOptions: () => authorizedEventSourceInit(opts.getToken),
      }),
    ],
  });

  /** One subscription; resolves when it ends for any reason (error, completion, handler failure, stop). */
  function runOnce(): Promise<{ progressed: boolean }> {
    return new Promise((resolve) => {
      const startedAt = last;
      let queue: Promise<void> = Promise.resolve();
      let failed = false;
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        sub.unsubscribe();
        stopSignal.removeEventListener("abort", finish);
        // Let the handler in progress finish before reporting the end.
        void queue.then(() => resolve({ progressed: last !== startedAt }));
      };
      const fail = (err: unknown) => {
        if (!stopSignal.aborted) opts.onError?.(err);
        finish();
      };
      opts.onStateChange?.("connecting");
      const sub = client.subscription(opts.path, last === null ? {} : { lastEventId: last }, {
        onStarted: () => opts.onStateChange?.("connected"),
        onData: (raw: unknown) => {
          const { id, data } = (raw ?? {}) as { id?: string; data?: unknown };
          queue = queue.then(async () => {
            if (failed || stopSignal.aborted || typeof id !== "string" || !isAfter(id, last)) return;
            try {
              const event = eventEnvelopeSchema.parse(data) as EventEnvelope;
              await opts.onEvent(event);
              last = id;
            } catch (err) {
              failed = true;
              fail(err);
            }
          });
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
