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
  const { createScratchDatabase } = await import("@orgboard/db/testing");
  const { url, drop } = await createScratchDatabase(server, `${service}_test`);
  try {
    return { db: await open({ databaseUrl: url, poolSize: 5 }), drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
