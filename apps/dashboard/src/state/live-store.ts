import type { EventEnvelope } from "./envelope.js";

/**
 * Holds one screen's state: a snapshot loaded over tRPC, then live events folded on top. Events that
 * arrive before the snapshot wait for it (the fold drops those the snapshot already contains), and live
 * events are folded in small batches so a burst re-renders once, not once per event.
 * Shaped for React's useSyncExternalStore.
 */
export class LiveStore<S> {
  private state: S | null = null;
  private pending: EventEnvelope[] = [];
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Events pushed since a reload began (`beginReload`). They keep folding into the screen meanwhile, but
   * the new snapshot may have been read before some of them, so they are folded again on top of it (the
   * id watermark drops those it already reflects). Null when no reload is in flight.
   */
  private sinceReload: EventEnvelope[] | null = null;

  constructor(
    private readonly fold: (state: S, events: readonly EventEnvelope[]) => S,
    private readonly flushMs = 50,
    private readonly maxPending = 100_000,
  ) {}

  readonly getState = (): S | null => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The gateway asked for a snapshot (`snapshot-required`): keep what arrives until the new one lands. */
  beginReload(): void {
    this.flush();
    this.sinceReload ??= [];
  }

  setSnapshot(snapshot: S): void {
    // Every event pushed since the reload began is in sinceReload (pending holds only a tail of them).
    const replay = this.sinceReload ?? this.pending;
    this.sinceReload = null;
    this.pending = [];
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.state = replay.length ? this.fold(snapshot, replay) : snapshot;
    this.emit();
  }

  /** A change that is not an event (e.g. sites loaded for a drilled-down province). */
  update(change: (state: S) => S): void {
    if (this.state === null) return;
    this.flush();
    const next = change(this.state);
    if (next !== this.state) {
      this.state = next;
      this.emit();
    }
  }

  push(event: EventEnvelope): void {
    // Before a snapshot there is nothing to fold into; past the cap, the snapshot reload covers it.
    if (this.pending.length >= this.maxPending) this.pending.shift();
    this.pending.push(event);
    if (this.sinceReload) {
      if (this.sinceReload.length >= this.maxPending) this.sinceReload.shift();
      this.sinceReload.push(event);
    }
    if (this.state !== null && this.timer === null) this.timer = setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.state === null || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const next = this.fold(this.state, batch);
    if (next !== this.state) {
      this.state = next;
      this.emit();
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
