// oidc-provider's storage (sessions, grants, interactions, codes, refresh tokens, …) kept in memory and in one
// JSON file per provider, so that a restart of the identity server signs no one out.
//
// Why a small store of our own: oidc-provider needs lookups by session uid and user code, and revocation of
// every token of a grant (secondary indexes), which the key-value stores on npm do not keep (keyv-file,
// node-persist: plain key → value with TTL); lowdb writes the whole file on every change, without fsync or a
// private file mode; node:sqlite is not in Node 20, which the project still supports. Here the records live
// in a Map with their expiry, the indexes are rebuilt on load, and the file is written whole by
// write-file-atomic (temporary file, fsync, rename; mode 0600). Writes are coalesced: a change schedules one
// write `writeDelayMs` later that takes every change made meanwhile, so a burst of logins costs one fsync;
// flush(), called when the server stops (SIGTERM/SIGINT), writes what is pending. A crash (SIGKILL, power
// loss) loses at most the last `writeDelayMs` of changes: those officials log in again.
// One process per data directory: a second identity server on the same files would overwrite the first's.
// The state is small (sessions last ≤ 10 h, codes and interactions minutes); expired records are dropped when
// read, when loaded and when written.
import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";
import { readStateFile } from "./state.js";

interface Entry {
  model: string;
  id: string;
  payload: AdapterPayload;
  /** ms since the epoch; absent: no expiry. */
  expiresAt?: number;
}

const fileSchema = z.object({
  version: z.literal(1),
  models: z.record(z.string(), z.record(z.string(), z.object({ payload: z.record(z.string(), z.unknown()), expiresAt: z.number().optional() }))),
});

// oidc-provider's models that belong to a grant and are revoked with it (as in its own memory adapter).
const GRANTABLE = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest", "PreAuthorizedCode"]);

const keyOf = (model: string, id: string) => `${model}\u0000${id}`;

/** The Adapter interface is promise-based; this store answers at once (an exception becomes a rejection). */
function settled<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

export interface OidcStoreOptions {
  /** How long a change may wait to be written with the ones after it (default 1000 ms). */
  writeDelayMs?: number;
  /** Where a failed background write is reported (default console.error). */
  onWriteError?: (e: unknown) => void;
}

export class OidcStore {
  private readonly entries = new Map<string, Entry>();
  private readonly bySessionUid = new Map<string, string>();
  private readonly byUserCode = new Map<string, string>();
  private readonly byGrant = new Map<string, Set<string>>();
  private readonly writeDelayMs: number;
  private readonly onWriteError: (e: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private writeCount = 0;

  private constructor(
    readonly file: string,
    opts: OidcStoreOptions,
  ) {
    this.writeDelayMs = opts.writeDelayMs ?? 1000;
    this.onWriteError = opts.onWriteError ?? ((e) => console.error(`[identity] could not write ${file}:`, e));
  }

  /** Loads `file` (absent: an empty store); a file that cannot be used stops the start with a StateFileError. */
  static async open(file: string, opts: OidcStoreOptions = {}): Promise<OidcStore> {
    const store = new OidcStore(file, opts);
    const stored = await readStateFile(file, fileSchema);
    if (stored === undefined) return store;
    const now = Date.now();
    for (const [model, records] of Object.entries(stored.models)) {
      for (const [id, e] of Object.entries(records)) {
        if (e.expiresAt !== undefined && e.expiresAt <= now) {
          store.dirty = true;
          continue;
        }
        store.put({ model, id, payload: e.payload, expiresAt: e.expiresAt });
      }
    }
    return store;
  }

  /** Number of file writes so far (coalescing is observable in tests). */
  get writes(): number {
    return this.writeCount;
  }

  /** oidc-provider's `adapter` option: one adapter per model, all on this store. */
  readonly adapter: AdapterFactory = (model: string): Adapter => ({
    upsert: (id, payload, expiresIn) =>
      settled(() => {
        const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : undefined;
        this.remove(keyOf(model, id));
        // Kept as JSON keeps it: what is in memory is what a restart reads back.
        this.put({ model, id, payload: JSON.parse(JSON.stringify(payload)) as AdapterPayload, expiresAt });
        this.changed();
      }),
    find: (id) => settled(() => this.get(keyOf(model, id))),
    findByUid: (uid) => settled(() => this.get(this.bySessionUid.get(uid), model)),
    findByUserCode: (userCode) => settled(() => this.get(this.byUserCode.get(userCode), model)),
    consume: (id) =>
      settled(() => {
        const e = this.live(keyOf(model, id));
        if (!e) return;
        e.payload.consumed = Math.floor(Date.now() / 1000);
        this.changed();
      }),
    destroy: (id) =>
      settled(() => {
        if (this.remove(keyOf(model, id))) this.changed();
      }),
    revokeByGrantId: (grantId) =>
      settled(() => {
        const members = this.byGrant.get(grantId);
        if (!members) return;
        for (const key of [...members]) this.remove(key);
        this.byGrant.delete(grantId);
        this.changed();
      }),
  });

  /** Writes pending changes now (and waits for a write under way). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.writing) await this.writing.catch(() => undefined);
    if (!this.dirty) return;
    this.dirty = false;
    const text = this.serialize();
    this.writeCount++;
    this.writing = writeFileAtomic(this.file, text, { mode: 0o600 })
      .catch((e: unknown) => {
        this.dirty = true;
        throw e;
      })
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
  }

  /** The live record's payload, as a copy (callers may change it; only upsert/consume store changes). */
  private get(key: string | undefined, model?: string): AdapterPayload | undefined {
    const e = key === undefined ? undefined : this.live(key);
    if (!e || (model !== undefined && e.model !== model)) return undefined;
    return structuredClone(e.payload);
  }

  /** The record at `key` unless it has expired; an expired one is dropped. */
  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== undefined && e.expiresAt <= Date.now()) {
      this.remove(key);
      this.changed();
      return undefined;
    }
    return e;
  }

  private put(e: Entry): void {
    const { model } = e;
    const key = keyOf(model, e.id);
    this.entries.set(key, e);
    const { uid, userCode, grantId } = e.payload;
    if (model === "Session" && typeof uid === "string") this.bySessionUid.set(uid, key);
    if (typeof userCode === "string") this.byUserCode.set(userCode, key);
    if (GRANTABLE.has(model) && typeof grantId === "string") {
      let members = this.byGrant.get(grantId);
      if (!members) this.byGrant.set(grantId, (members = new Set()));
      members.add(key);
    }
  }

  /** Removes the record and its index entries; false when there was none. */
  private remove(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    const { uid, userCode, grantId } = e.payload;
    if (typeof uid === "string" && this.bySessionUid.get(uid) === key) this.bySessionUid.delete(uid);
    if (typeof userCode === "string" && this.byUserCode.get(userCode) === key) this.byUserCode.delete(userCode);
    if (typeof grantId === "string") {
      const members = this.byGrant.get(grantId);
      members?.delete(key);
      if (members?.size === 0) this.byGrant.delete(grantId);
    }
    return true;
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(this.onWriteError);
    }, this.writeDelayMs);
    // A pending write does not hold the process open: the server's close() flushes it.
    this.timer.unref();
  }

  private serialize(): string {
    const now = Date.now();
    const models: Record<string, Record<string, Pick<Entry, "payload" | "expiresAt">>> = {};
    for (const [key, { model, id, payload, expiresAt }] of this.entries) {
      // Records that expired unread leave memory here too.
      if (expiresAt !== undefined && expiresAt <= now) this.remove(key);
      else (models[model] ??= {})[id] = { payload, expiresAt };
    }
    return JSON.stringify({ version: 1, models });
  }
}
