import type pg from "pg";

/**
 * Runs start-up DDL (`CREATE TABLE IF NOT EXISTS …`) under a transaction-scoped advisory lock named after
 * the table. `IF NOT EXISTS` is not safe against a concurrent creator: two instances starting together
 * can both miss the table and one fails on the catalog's unique index (pg_type_typname_nsp_index).
 */
export async function createTableOnce(pool: pg.Pool, table: string, ddl: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // The schema is part of the key: instances on different schemas do not wait for each other.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('orgboard-ddl/' || current_schema() || '/' || $1, 0))", [table]);
    await client.query(ddl);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Queries on a dedicated connection shared by concurrent callers, one at a time in call order. pg 8
 * queues such calls itself but deprecates it ("client is already executing a query"); pg 9 drops it.
 */
export class SerialClient {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly connection: pg.PoolClient) {}

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    // The tail never rejects: a failed query does not stop the ones queued after it.
    const run = this.tail.then(() => this.connection.query<R>(text, values));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
