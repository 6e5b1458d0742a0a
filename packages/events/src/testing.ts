/**
 * Test helpers: a Prisma-shaped raw-SQL client over a PGlite instance (so events can be tested
 * without a generated client), and the outbox tables.
 */
import { OUTBOX_DDL, type RawSqlClient } from "./sql.js";

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

function rawClient(q: PGliteQueryable): RawSqlClient {
  return {
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await q.query(query, values)).affectedRows ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await q.query(query, values)).rows as T,
  };
}

/** `$executeRawUnsafe` / `$queryRawUnsafe` / `$transaction(fn)` over PGlite, like Prisma's. */
export function pgliteClient(db: PGliteLike): TransactionalClient {
  return { ...rawClient(db), $transaction: (fn) => db.transaction((tx) => fn(rawClient(tx))) };
}

/** Creates outbox_event and audit_record (same shape as prisma/models.prisma). */
export async function createOutboxTables(db: PGliteLike): Promise<void> {
  await db.exec(OUTBOX_DDL);
}
