import { eventEnvelopeSchema, type EventEnvelope } from "@orgboard/contracts";
import type { CheckpointStore } from "./checkpoint.js";
import type { GatewayLogger } from "./gateway.js";
import type { LeaseManager } from "./lease.js";

/**
 * Reads one service's event stream after `fromId` (null = from the start), calling `onEvent` for each
 * event in id order and awaiting it; resolves or rejects when the stream ends, and must stop promptly
 * when `signal` aborts.
 */
export type StreamSource = (args: {
  fromId: string | null;
  signal: AbortSignal;
  onEvent: (event: unknown) => void | Promise<void>;
}) => Promise<void>;

export type ConsumerState = "idle" | "standby" | "consuming" | "retrying" | "stopped";

export interface ServiceConsumerOptions {
  service: string;
  source: StreamSource;
  checkpoints: CheckpointStore;
  leases: LeaseManager;
  publish: (service: string, event: EventEnvelope) => void;
  logger?: GatewayLogger;
  /** Backoff between stream attempts: min, doubling up to max. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

const LAG_SAMPLES = 2048;

/** Decimal id strings compared without Number (a BIGSERIAL may exceed 2^53). */
export function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Consumes one service's stream while holding its lease: resumes after the checkpoint, pushes each new
 * event once (an id not above the last one pushed is dropped, so a stream that replays cannot cause
 * duplicates), and writes the checkpoint behind the pushes, coalesced (one write in flight; the newest
 * id wins). A crash can therefore re-push the few events after the last durable checkpoint: each carries
 * its id and dashboards fold by id. A graceful stop flushes the checkpoint: no duplicates at all.
 */
export class ServiceConsumer {
  state: ConsumerState = "idle";
  lastEventId: string | null = null;
  pushed = 0;
  lastError: string | null = null;
  /** ms from each event's occurredAt to its push, last LAG_SAMPLES events: how far behind we are. */
  private readonly lags = new Float64Array(LAG_SAMPLES);
  private lagCount = 0;
  private savedId: string | null = null;
  private writing: Promise<void> | null = null;
  private readonly stopper = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(private readonly opts: ServiceConsumerOptions) {}

  get service(): string {
    return this.opts.service;
  }

  /** Percentiles of the recent push lag (event occurredAt → pushed), in ms; null before any event. */
  lagMs(): { p50: number; p99: number; max: number } | null {
    const n = Math.min(this.lagCount, LAG_SAMPLES);
    if (n === 0) return null;
    const sorted = this.lags.slice(0, n).sort();
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]!;
    return { p50: at(0.5), p99: at(0.99), max: sorted[n - 1]! };
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort(new Error("consumer stopped"));
    await this.loop;
    this.state = "stopped";
  }

  /** Waits until the checkpoint on disk/in the table equals the last pushed id. */
  async flush(): Promise<void> {
    for (;;) {
      if (!this.writing) this.scheduleSave();
      if (!this.writing) return;
      await this.writing;
    }
  }

  private scheduleSave(): void {
    if (this.writing || this.lastEventId === null || this.lastEventId === this.savedId) return;
    this.writing = (async () => {
      while (this.lastEventId !== null && this.lastEventId !== this.savedId) {
        const id = this.lastEventId;
        try {
          await this.opts.checkpoints.save(this.opts.service, id);
          this.savedId = id;
        } catch (err) {
          this.opts.logger?.error({ err, service: this.opts.service }, "checkpoint write failed");
          await delay(500, this.stopper.signal);
          if (this.stopper.signal.aborted) {
            // Last try on the way out; if it fails the next start re-pushes a few events (deduped by id).
            await this.opts.checkpoints.save(this.opts.service, id).then(() => (this.savedId = id), () => (this.savedId = id));
          }
        }
      }
    })().finally(() => {
      this.writing = null;
    });
  }

  private handle(raw: unknown): void {
    const parsed = eventEnvelopeSchema.safeParse(raw);
    if (!parsed.success) {
      // A malformed event cannot be routed safely; skip it (and say so) rather than stall the stream.
      const id = (raw as { id?: unknown } | null)?.id;
      this.opts.logger?.error(
        { service: this.opts.service, id, issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
        "malformed event skipped",
      );
      if (typeof id === "string" && /^\d+$/.test(id) && (this.lastEventId === null || compareIds(id, this.lastEventId) > 0)) {
        this.lastEventId = id;
        this.scheduleSave();
      }
      return;
    }
    const event = parsed.data as EventEnvelope;
    if (this.lastEventId !== null && compareIds(event.id, this.lastEventId) <= 0) return;
    this.opts.publish(this.opts.service, event);
    this.pushed += 1;
    const occurred = Date.parse(event.occurredAt);
    if (Number.isFinite(occurred)) this.lags[this.lagCount++ % LAG_SAMPLES] = Date.now() - occurred;
    this.lastEventId = event.id;
    this.scheduleSave();
  }

  private async run(): Promise<void> {
    const { service, logger } = this.opts;
    const stop = this.stopper.signal;
    while (!stop.aborted) {
      this.state = "standby";
      let lease;
      try {
        lease = await this.opts.leases.acquire(service, stop);
      } catch {
        break; // stopped while waiting
      }
      logger?.info({ service }, "holding the stream lease: consuming");
      let backoff = this.opts.retryMinMs ?? 250;
      try {
        this.lastEventId = this.savedId = await this.opts.checkpoints.load(service);
        while (!stop.aborted && !lease.lost.aborted) {
          this.state = "consuming";
          let sawEvent = false;
          const attempt = AbortSignal.any([stop, lease.lost]);
          try {
            await this.opts.source({
              fromId: this.lastEventId,
              signal: attempt,
              onEvent: (e) => {
                if (!sawEvent) {
                  sawEvent = true;
                  backoff = this.opts.retryMinMs ?? 250;
                }
                if (!attempt.aborted) this.handle(e);
              },
            });
            if (!attempt.aborted) this.lastError = "stream ended";
          } catch (err) {
            if (!attempt.aborted) {
              this.lastError = err instanceof Error ? err.message : String(err);
              logger?.warn({ service, err: this.lastError }, "event stream failed; retrying");
            }
          }
          if (attempt.aborted) break;
          this.state = "retrying";
          await delay(backoff, attempt);
          backoff = Math.min(backoff * 2, this.opts.retryMaxMs ?? 10_000);
        }
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        logger?.error({ service, err: this.lastError }, "consumer failed; retrying");
        await delay(this.opts.retryMaxMs ?? 10_000, stop);
      } finally {
        await this.flush().catch(() => undefined);
        await lease.release();
      }
      if (lease.lost.aborted && !stop.aborted) logger?.warn({ service }, "stream lease lost; back to standby");
    }
    this.state = "stopped";
  }
}
