// The audit chain on a real PostgreSQL server (TEST_DATABASE_URL or DATABASE_URL, like postgres.test.ts; CI's
// integration stage sets it), in a schema of its own; plus concurrent writers keeping one unbroken chain.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { asRawSql, OUTBOX_DDL, recordChange, verifyAuditChain } from "../src/index.js";
import { auditChainSuite } from "./audit-suite.js";

const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

async function openSchema(): Promise<{ pool: pg.Pool; drop: () => Promise<void> }> {
  const schema = `audit_test_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 12, options: `-c search_path=${schema}` });
  await pool.query(OUTBOX_DDL);
  return {
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

async function inTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const r = await fn(client);
    await client.query("COMMIT");
    return r;
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

describe.skipIf(!url)("on PostgreSQL", () => {
  auditChainSuite("PostgreSQL", async () => {
    const { pool, drop } = await openSchema();
    return {
      sql: asRawSql(pool),
      transaction: (fn) => inTransaction(pool, (tx) => fn(asRawSql(tx))),
      exec: async (script) => void (await pool.query(script)),
      close: drop,
    };
  });

  it("concurrent writers committing in random order still form one unbroken chain", async () => {
    const { pool, drop } = await openSchema();
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          inTransaction(pool, async (tx) => {
            await tx.query("SELECT pg_sleep($1)", [Math.random() * 0.01]);
            await recordChange(tx, { actor: `u-${i}`, action: "a", entity: "E", entityId: i, orgPath: "/01/" }, i % 3 ? { type: "x.y.z", payload: { i } } : []);
            // Commit at a random later moment: a chain built from a stale head would fork here.
            await tx.query("SELECT pg_sleep($1)", [Math.random() * 0.01]);
          }),
        ),
      );
      expect(await verifyAuditChain(pool)).toMatchObject({ ok: true, records: 60 });
    } finally {
      await drop();
    }
  });
});
