import type pg from "pg";
import { SerialClient } from "./pg-util.js";

/**
 * Which instance consumes a service's stream. One consumer per stream keeps each event pushed once, in
 * order, and the checkpoint written by one hand; the socket.io adapter carries the pushes to the sockets
 * of the other instances.
 */
export interface Lease {
  /** Aborted when the lease is lost (its database session died): stop consuming at once. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}
export interface LeaseManager {
  /** Resolves once this instance holds the lease; rejects if `signal` aborts first. */
  acquire(service: string, signal: AbortSignal): Promise<Lease>;
  close(): Promise<void>;
}

/** One instance (embedded default): always the holder. */
export class LocalLeases implements LeaseManager {
  acquire(): Promise<Lease> {
    const ac = new AbortController();
    return Promise.resolve({ lost: ac.signal, release: () => Promise.resolve() });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * PostgreSQL session advisory locks, one per service, all held on one dedicated connection. If that
 * connection dies (instance crash, network), PostgreSQL releases the locks and a standby instance takes
 * over within `retryMs`; the holder notices through the connection error or a failed probe and stops.
 */
export class PgAdvisoryLeases implements LeaseManager {
  private client: SerialClient | null = null;
  private connecting: Promise<SerialClient> | null = null;
  private readonly held = new Map<string, AbortController>();
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: { retryMs?: number; probeMs?: number; namespace?: string; onError?: (err: unknown) => void } = {},
  ) {}

  private key(service: string): string {
    return `${this.opts.namespace ?? "orgboard-realtime"}/${service}`;
  }

  private connection(): Promise<SerialClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.pool
      .connect()
      .then((connection) => {
        // Every service's acquire loop and the probe share this connection.
        const client = new SerialClient(connection);
        connection.on("error", (err) => this.lose(client, err));
        connection.on("end", () => this.lose(client));
        this.client = client;
        this.probeTimer = setInterval(() => {
          client.query("SELECT 1").catch((err: unknown) => this.lose(client, err));
        }, this.opts.probeMs ?? 2000);
        this.probeTimer.unref();
        return client;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private lose(client: SerialClient, err?: unknown): void {
    if (this.client !== client) return;
    if (err) this.opts.onError?.(err);
    this.client = null;
    clearInterval(this.probeTimer);
    for (const ac of this.held.values()) ac.abort(new Error("lease lost: the lock connection to PostgreSQL broke"));
    this.held.clear();
    client.connection.release(true);
  }

  async acquire(service: string, signal: AbortSignal): Promise<Lease> {
    for (;;) {
      signal.throwIfAborted();
      try {
        const client = await this.connection();
        const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [this.key(service)]);
        if (r.rows[0]?.ok) {
          const ac = new AbortController();
          this.held.set(service, ac);
          return {
            lost: ac.signal,
            release: async () => {
              if (this.held.get(service) !== ac) return;
              this.held.delete(service);
              if (this.client === client) {
                await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [this.key(service)]).catch(() => undefined);
              }
            },
          };
        }
      } catch (err) {
        this.opts.onError?.(err);
      }
      await sleep(this.opts.retryMs ?? 2000, signal);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.probeTimer);
    const client = this.client;
    this.client = null;
    for (const ac of this.held.values()) ac.abort(new Error("lease manager closed"));
    this.held.clear();
    if (client) {
      client.connection.removeAllListeners("error");
      client.connection.removeAllListeners("end");
      await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
      client.connection.release();
    }
  }
}
