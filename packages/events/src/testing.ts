/**
 * Test helpers: a Prisma-shaped raw-SQL client over a PGlite instance (so events can be tested
 * without a generated client), and the outbox tables.
 */
import { asRawSql, OUTBOX_DDL, type RawSqlClient } from "./sql.js";

interface PGliteQueryable {
  query<T>(query: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
}
export interface PGliteLike extends PGliteQueryable {
  exec(query: string): Promise<unknown>;
  transaction<T>(fn: (tx: PGliteQueryable) => Promise<T>): Promise<T>;
}

export interface TransactionalClient extends RawSqlClient {
  $transaction<T>(fn: (tx: RawSqlClient) => Promise<T>): Promise<T>;
}

/** `$executeRawUnsafe` / `$queryRawUnsafe` / `$transaction(fn)` over PGlite, like Prisma's. */
export function pgliteClient(db: PGliteLike): TransactionalClient {
  return { ...asRawSql(db), $transaction: (fn) => db.transaction((tx) => fn(asRawSql(tx))) };
}

/** Creates outbox_event and audit_record (same shape as prisma/models.prisma). */
export async function createOutboxTables(db: PGliteLike): Promise<void> {
  await db.exec(OUTBOX_DDL);
}

/**
 * A fresh service database for one test file, opened by the service's own `openDatabase`: in-memory PGlite,
 * or — with TEST_DATABASE_URL / DATABASE_URL set — a new uniquely named database on that server, dropped
 * again by `drop()` (after the service closed its connections).
 */
export async function freshServiceDatabase<D>(
  service: string,
  open: (opts: { databaseUrl?: string; dataDir?: string; poolSize?: number }) => Promise<D>,
): Promise<{ db: D; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
  if (!server) return { db: await open({ dataDir: "memory://" }), drop: async () => {} };
  const { randomBytes } = await import("node:crypto");
  const { default: pg } = await import("pg");
  const name = `${service}_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await open({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    db,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
