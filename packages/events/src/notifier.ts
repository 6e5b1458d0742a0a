import { EventEmitter } from "node:events";
import { OUTBOX_CHANNEL } from "./outbox.js";

/** Wakes event streams when new outbox rows may exist (polling remains the safety net). */
export interface OutboxNotifier {
  subscribe(listener: () => void): () => void;
}

export interface LocalNotifier extends OutboxNotifier {
  /** Call after the transaction that wrote outbox rows has committed. */
  notify(): void;
}

/** In-process notifier: the service calls notify() after its commits. */
export function createLocalNotifier(): LocalNotifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open stream
  return {
    notify: () => emitter.emit("change"),
    subscribe(listener) {
      emitter.on("change", listener);
      return () => emitter.off("change", listener);
    },
  };
}

/** A PGlite instance (`listen` resolves to an unlisten function). */
interface PGliteListenable {
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}
/** A connected `pg.Client` (not a pool: LISTEN belongs to one session). */
interface PgClientListenable {
  query(sql: string): Promise<unknown>;
  on(event: "notification", listener: (msg: { channel: string }) => void): unknown;
}

/**
 * Notifier fed by PostgreSQL LISTEN/NOTIFY (recordChange sends NOTIFY on commit), so every instance of a
 * service wakes on any instance's writes. Accepts a PGlite instance or a dedicated, connected pg.Client.
 */
export async function createListenNotifier(
  source: PGliteListenable | PgClientListenable,
  channel: string = OUTBOX_CHANNEL,
): Promise<OutboxNotifier & { close(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  const local = createLocalNotifier();
  let close: () => Promise<void>;
  if ("listen" in source) {
    const unlisten = await source.listen(channel, () => local.notify());
    close = unlisten;
  } else {
    source.on("notification", (msg) => {
      if (msg.channel === channel) local.notify();
    });
    await source.query(`LISTEN ${channel}`);
    close = async () => {
      await source.query(`UNLISTEN ${channel}`);
    };
  }
  return { subscribe: (listener) => local.subscribe(listener), close };
}

/** One notifier that wakes a listener on any of the given ones. */
export function combineNotifiers(...sources: readonly OutboxNotifier[]): OutboxNotifier {
  if (sources.length === 1) return sources[0]!;
  return {
    subscribe(listener) {
      const offs = sources.map((s) => s.subscribe(listener));
      return () => {
        for (const off of offs) off();
      };
    },
  };
}

/** What wakes a service's event streams: its own commits (notify()) and, when shared, every instance's. */
export interface ServiceNotifier extends LocalNotifier {
  close(): Promise<void>;
}

export interface ServiceNotifierOptions {
  /**
   * PostgreSQL URL: a dedicated connection LISTENs on recordChange's NOTIFY, so every instance on the
   * database wakes on any instance's writes (reconnecting after a lost connection). Empty or absent ⇒
   * this instance's notify() only (an embedded database has one process).
   */
  databaseUrl?: string;
  /** An embedded PGlite to LISTEN on instead (its NOTIFYs are delivered in process). */
  pglite?: PGliteListenable;
  channel?: string;
  /** Delay before reconnecting a lost LISTEN connection (default 1 s). */
  reconnectDelayMs?: number;
  /** Told of a lost LISTEN connection or a failed reconnect (default: ignored; polling covers the gap). */
  onError?: (error: unknown) => void;
}

/**
 * The one way a service wires its event streams' wake-ups: call `notify()` after each commit that wrote
 * outbox rows, give `subscribe` to the streams, `close()` on stop. Polling stays the safety net.
 */
export async function openServiceNotifier(opts: ServiceNotifierOptions = {}): Promise<ServiceNotifier> {
  const local = createLocalNotifier();
  const channel = opts.channel ?? OUTBOX_CHANNEL;
  const sources: OutboxNotifier[] = [local];
  const closers: (() => Promise<void>)[] = [];
  if (opts.pglite) {
    const listening = await createListenNotifier(opts.pglite, channel);
    sources.push(listening);
    closers.push(() => listening.close());
  }
  if (opts.databaseUrl) {
    const remote = await listenOnPostgres(opts.databaseUrl, channel, () => local.notify(), opts);
    closers.push(remote);
  }
  const combined = combineNotifiers(...sources);
  return {
    notify: () => local.notify(),
    subscribe: (listener) => combined.subscribe(listener),
    async close() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
    },
  };
}

/** LISTEN on a dedicated pg.Client, reconnected when lost (a wake-up after reconnecting covers the gap). */
async function listenOnPostgres(url: string, channel: string, wake: () => void, opts: ServiceNotifierOptions): Promise<() => Promise<void>> {
  const { default: pg } = await import("pg");
  let closed = false;
  let client: InstanceType<typeof pg.Client> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    const lost = (err?: unknown) => {
      if (err) opts.onError?.(err);
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      schedule();
    };
    c.on("error", lost);
    c.on("end", () => lost());
    try {
      await c.connect();
      await createListenNotifier(c, channel).then((n) => n.subscribe(wake));
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    client = c;
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      connect()
        .then(wake)
        .catch((err: unknown) => {
          opts.onError?.(err);
          schedule();
        });
    }, opts.reconnectDelayMs ?? 1000);
    timer.unref();
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end();
  };
}
