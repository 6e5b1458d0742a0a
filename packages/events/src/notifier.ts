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
