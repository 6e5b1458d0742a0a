// One runner per plan (docs/restructuring.md "Execution"): `runs.resume` and `runs.rollback` hold the plan's
// lock while they call the other services, so two instances (replicas, or a process restarted while the old
// one still answers) never run a plan's steps at once. On PostgreSQL a session advisory lock on a connection
// taken from the pool for the run: it dies with that connection, so a killed runner's lock is gone as soon
// as the server sees its socket close (a new runner retries for a few seconds before refusing). PGlite has
// one session and one process: the guard is in memory, per embedded database.
import type { NativeHandle } from "@orgboard/db";

/** Takes the plan's lock: the release, or null when another runner holds it. */
export type PlanLocker = (planId: string) => Promise<(() => Promise<void>) | null>;

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
      return () => {
        local.delete(planId);
        return Promise.resolve();
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
    return async () => {
      try {
        await c.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey(planId)]);
        c.release();
      } catch (err) {
        // The connection is dropped instead: the server releases its locks with it.
        c.release(err as Error);
      } finally {
        local.delete(planId);
      }
    };
  };
}
