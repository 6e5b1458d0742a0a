import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgBus } from "../../src/adapters.js";
import { PgCheckpointStore } from "../../src/checkpoint.js";
import { PgAdvisoryLeases } from "../../src/lease.js";
import { postgresAvailable, startTestPostgres, type TestPostgres } from "../support/postgres.js";

/**
 * Instances that start together on an empty schema (a deployment's first rollout, a scale-up) each
 * create the tables they need. `CREATE TABLE IF NOT EXISTS` alone lets two of them race on the catalog
 * and one fail to start; every one must start.
 */
const available = postgresAvailable();
const INSTANCES = 8;
const ROUNDS = 6;

describe.skipIf(!available.ok)("gateway instances starting together on an empty schema", () => {
  let db: TestPostgres;
  let admin: pg.Pool;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    db = await startTestPostgres();
    admin = new pg.Pool({ connectionString: db.url, max: 1 });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await admin?.end();
    await db?.close();
  });

  function poolOn(schema: string, max = 2): pg.Pool {
    const u = new URL(db.url);
    u.searchParams.set("options", `-c search_path=${schema}`);
    const pool = new pg.Pool({ connectionString: u.toString(), max });
    pools.push(pool);
    return pool;
  }

  it(`${INSTANCES} instances at once create the checkpoint and bus tables, ${ROUNDS} times over, and none fails`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const schema = `${db.schema}_start_${round}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const instances = Array.from({ length: INSTANCES }, () => poolOn(schema));
      const buses = instances.map((pool) => new PgBus(pool, { channel: `${schema}_bus` }));
      const results = await Promise.allSettled(
        instances.map(async (pool, i) => {
          await new PgCheckpointStore(pool).init();
          await buses[i]!.start();
        }),
      );
      await Promise.all(buses.map((b) => b.close()));
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r).reason))).toEqual([]);
      const tables = await admin.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(["realtime_adapter_attachments", "realtime_checkpoint"]);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    }
  }, 120_000);

  it("shares its dedicated connections one query at a time (no pg 'already executing a query' deprecation)", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    try {
      const schema = `${db.schema}_serial`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      // Listener, publisher, and the attachment reads of the bus; the lease connection.
      const pool = poolOn(schema, 4);
      const bus = new PgBus(pool, { channel: `${schema}_bus`, payloadThreshold: 100 });
      await bus.start();
      const message = (i: number) => ({ uid: "u", nsp: "/", type: 1, data: "x".repeat(i % 2 ? 10 : 500) }) as never;
      await Promise.all(Array.from({ length: 40 }, (_, i) => bus.publish(message(i))));
      await bus.close();

      const leases = new PgAdvisoryLeases(pool, { namespace: schema, probeMs: 5, retryMs: 10 });
      const ac = new AbortController();
      const held = await Promise.all(["a", "b", "c", "d", "e", "f"].map((s) => leases.acquire(s, ac.signal)));
      await new Promise((r) => setTimeout(r, 50));
      await Promise.all(held.map((l) => l.release()));
      await leases.close();
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
      expect(held.every((l) => !l.lost.aborted)).toBe(true);
    } finally {
      process.off("warning", onWarning);
    }
  }, 60_000);
});
