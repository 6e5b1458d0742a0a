import { escapeLike } from "@orgboard/locale-vi";

/**
 * The slice of a Prisma client (or interactive-transaction client) that this package uses. Raw SQL
 * keeps @orgboard/events independent of any service's generated client.
 */
export interface RawSqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * A pg / PGlite style handle (pg.Pool, pg.PoolClient, a PGlite instance or transaction, a service's own
 * SQL wrapper): `query(text, values)` resolving to the rows (and a row count, under either name).
 */
export interface QueryableSql {
  query(text: string, values?: unknown[]): PromiseLike<{ rows: unknown[]; rowCount?: number | null; affectedRows?: number }>;
}

/** Either shape this package accepts wherever it runs SQL: a Prisma (transaction) client or a query handle. */
export type SqlHandle = RawSqlClient | QueryableSql;

/** The RawSqlClient view of a handle (a Prisma client is returned as it is). */
export function asRawSql(handle: SqlHandle): RawSqlClient {
  if ("$queryRawUnsafe" in handle) return handle;
  return {
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => {
      const r = await handle.query(query, values);
      return r.rowCount ?? r.affectedRows ?? 0;
    },
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await handle.query(query, values)).rows as T,
  };
}

/** DDL equal to prisma/models.prisma (what Prisma's migration would create), for tests and tools. */
export const OUTBOX_DDL = `
CREATE TABLE IF NOT EXISTS outbox_event (
  id BIGSERIAL PRIMARY KEY,
  type TEXT NOT NULL,
  org_path TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  payload JSONB NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS audit_record (
  id BIGSERIAL PRIMARY KEY,
  actor TEXT NOT NULL,
  request_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  org_path TEXT NOT NULL,
  before JSONB,
  after JSONB,
  at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  kind TEXT NOT NULL DEFAULT 'change',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_record_org_path_at_idx ON audit_record (org_path text_pattern_ops, at);
CREATE INDEX IF NOT EXISTS audit_record_entity_entity_id_idx ON audit_record (entity, entity_id);
CREATE INDEX IF NOT EXISTS audit_record_actor_id_idx ON audit_record (actor, id);
`;

/** A LIKE pattern matching an org path literally as a prefix. */
export function likePrefix(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}
