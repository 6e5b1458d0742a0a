// One runner per plan (docs/restructuring.md "Execution"): `runs.resume` and `runs.rollback` hold the plan's
// lock while they call the other services, so two instances (replicas, or a process restarted while the old
// one still answers) never run a plan's steps at once. On PostgreSQL a session advisory lock on a connection
// taken from the pool for the run: it dies with that connection, so a killed runner's lock is gone as soon
// as the server sees its socket close (a new runner retries for a few seconds before refusing). PGlite has
// one session and one process: the guard is in memory, per embedded database.
// If the lock's connection drops while the run goes on (the server restarted, a network cut, an
// administrator's pg_terminate_backend), the lock is gone with it: the lock says so (`lost`), and the runner
// starts no further step (another runner may now take the plan). The error is caught here: unhandled, a
// checked-out client's 'error' event would have stopped the whole process.
import type { NativeHandle } from "@orgboard/db";

/** A plan's lock while held: `lost` turns true if its connection dropped (the lock went with it). */
export interface PlanLock {
  release(): Promise<void>;
  readonly lost: boolean;
}

/** Takes the plan's lock: the lock, or null when another runner holds it. */
export type PlanLocker = (planId: string) => Promise<PlanLock | null>;

/** Plans being run, per database handle (PGlite instance or pool) of this process. */
const held = new WeakMap<object, Set<string>>();
const lockKey = (planId: string) => `restructuring:plan:${planId}`;

export function planLocker(native: NativeHandle, opts: { waitMs?: number } = {}): PlanLocker {
  const owner: object = native.kind === "pglite" ? native.pglite : native.pool;
  const waitMs = opts.waitMs ?? 5_000;
  return async (planId) => {
    let plans = held.get(owner);
    if (!plans) held.set(owner, (plans = new Set()));
    if (plans.has(planId)) return null;
    plans.add(planId);
    const local = plans;
    if (native.kind === "pglite") {
      return {
        lost: false,
        release: () => {
          local.delete(planId);
          return Promise.resolve();
        },
      };
    }
    let client;
    try {
      client = await native.pool.connect();
      const deadline = Date.now() + waitMs;
      for (;;) {
        const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [lockKey(planId)]);
        if (rows[0]?.ok) break;
        if (Date.now() >= deadline) {
          client.release();
          local.delete(planId);
          return null;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } catch (err) {
      client?.release(err as Error);
      local.delete(planId);
      throw err;
    }
    const c = client;
    let lost = false;
    const onError = () => {
      lost = true;
    };
    c.on("error", onError);
    c.once("end", onError);
    return {
      get lost() {
        return lost;
      },
      release: async () => {
        try {
          if (lost) throw new Error("the plan lock's connection dropped");
          await c.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey(planId)]);
          c.off("error", onError);
          c.off("end", onError);
          c.release();
        } catch (err) {
          // The connection is dropped instead: the server releases its locks with it.
          c.off("end", onError);
          c.release(err as Error);
        } finally {
          local.delete(planId);
        }
      },
    };
  };
}
