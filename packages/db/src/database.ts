import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

import { backupPGliteDataDir, type EmbeddedBackup } from "./backup.js";
import { copyFromPg, copyFromPGlite, type CopyOptions, type CopyRows } from "./copy.js";
import { DbError, describeConnectionError } from "./errors.js";
import { readMigrations } from "./migrations/files.js";
import { applyMigrations, type ApplyOptions, type ApplyResult } from "./migrations/ledger.js";
import { connectPg, parseDatabaseUrl, pgSession, pgTypes } from "./pg.js";
import { acquirePGlite, pgliteParsers, pgliteSession } from "./pglite.js";
import { assertServiceName, defaultDataDir, isMemoryDataDir } from "./paths.js";

/** What openDatabase needs from a generated PrismaClient (the db package never imports one). */
/**
 * Every service's Prisma Client takes these (\`new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS })\`).
 * On a loaded machine Prisma's defaults (2 s to get a connection, 5 s to finish) would abort a transaction
 * half-way, a 500 to the caller; a write here is bounded by its own work, not by a guess.
 */
export const TRANSACTION_OPTIONS = { timeout: 60_000, maxWait: 15_000 } as const;

export interface PrismaClientLike {
  $disconnect(): Promise<void>;
}

export interface DbLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface OpenDatabaseOptions<TClient extends PrismaClientLike> {
  /** The service name ("membership"): names the embedded data directory `.data/<service>/`. */
  service: string;
  /** Absolute path of the service's `prisma/migrations`. */
  migrationsDir: string;
  /** Builds the service's generated client: `(adapter) => new PrismaClient({ adapter })`. */
  createClient: (adapter: SqlDriverAdapterFactory) => TClient;
  /**
   * PostgreSQL URL. Defaults to `process.env.DATABASE_URL` unless `dataDir` is given; unset or empty ⇒
   * embedded PGlite.
   */
  databaseUrl?: string | undefined;
  /**
   * PGlite data directory (default `<repo root>/.data/<service>`, or `$ORGBOARD_DATA_DIR/<service>`);
   * `memory://` for a throwaway database. Giving it selects PGlite even when DATABASE_URL is set.
   */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (default true). Safe with several processes starting at once. */
  migrate?: boolean;
  /** Size of the PostgreSQL pool shared by Prisma, `query` and `copyFrom` (default 10). */
  poolSize?: number;
  logger?: DbLogger;
}

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * The engine underneath, for a service whose own SQL layer must share the connections (and the PGlite
 * instance, of which a process may hold only one per data directory). Owned by the Database: do not end
 * or close it; `close()` does.
 */
export type NativeHandle = { kind: "postgres"; pool: pg.Pool } | { kind: "pglite"; pglite: PGlite };

export interface Database<TClient extends PrismaClientLike> {
  prisma: TClient;
  kind: "postgres" | "pglite";
  native: NativeHandle;
  service: string;
  /** The URL without password, or the PGlite data directory. */
  location: string;
  /** What migrate-on-open did (null when `migrate: false`). */
  migrations: ApplyResult | null;
  /**
   * A raw query with $1.. parameters, outside Prisma. Both engines parse int8 as bigint, numeric as string,
   * timestamps as Date and json/jsonb as values.
   */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /**
   * Bulk load with COPY (the fastest path on each engine). `rows` may be any (async) iterable of value
   * arrays, e.g. an object-mode Readable; on PostgreSQL it is streamed with back-pressure. All rows or none.
   * On PGlite the load holds the database for its duration: do not query the same database from `rows`.
   * Returns the number of rows loaded.
   */
  copyFrom(table: string, columns: readonly string[], rows: CopyRows, options?: CopyOptions): Promise<number>;
  /** Throws when the database does not answer (for /readyz). */
  ping(): Promise<void>;
  /** Applies pending migrations now (what `migrate: true` does on open); `signal` stops between migrations. */
  migrate(options?: ApplyOptions): Promise<ApplyResult>;
  /**
   * Embedded only: CHECKPOINT, then a verified copy of the data directory in `<dataDir>.backup` (see
   * backup.ts), to take before bulk work. Null on PostgreSQL (the server's own backups apply) and for
   * in-memory databases.
   */
  backup(verify?: string): Promise<EmbeddedBackup | null>;
  close(): Promise<void>;
}

const silentLogger: DbLogger = { info: () => undefined, warn: (m) => console.warn(m) };

function reportApply(logger: DbLogger, service: string, migrationsDir: string, result: ApplyResult): void {
  if (result.applied.length > 0) logger.info(`${service}: applied migrations ${result.applied.join(", ")}`);
  if (result.edited.length > 0) {
    logger.warn(
      `${service}: applied migrations were edited since (not re-applied): ${result.edited.join(", ")}; restore the files or add a new migration`,
    );
  }
  if (result.missingFromDisk.length > 0) {
    logger.warn(`${service}: the database has migrations that are not in ${migrationsDir}: ${result.missingFromDisk.join(", ")}`);
  }
}

/**
 * The Database of either engine: `kind` is the engine's, and `close()` runs once, disconnecting Prisma
 * before `release` ends the pool or lets go of the PGlite instance.
 */
function database<TClient extends PrismaClientLike>(
  parts: Omit<Database<TClient>, "kind" | "close">,
  release: () => Promise<void>,
): Database<TClient> {
  let closed = false;
  return {
    ...parts,
    kind: parts.native.kind,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await parts.prisma.$disconnect();
      } finally {
        await release();
      }
    },
  };
}

function wrapConnectionError(error: unknown, location: string): never {
  const described = describeConnectionError(error);
  if (described) throw new DbError("ORG_DB_CONNECT", `${location}: ${described}`, { cause: error });
  throw error;
}

/**
 * Opens a service's database: PostgreSQL through @prisma/adapter-pg when a URL is given (or DATABASE_URL is
 * set), else the service's embedded PGlite through pglite-prisma-adapter (one instance per data directory
 * per process). Applies pending migrations unless `migrate: false`.
 */
export async function openDatabase<TClient extends PrismaClientLike>(
  options: OpenDatabaseOptions<TClient>,
): Promise<Database<TClient>> {
  assertServiceName(options.service);
  const logger = options.logger ?? silentLogger;
  // An explicit databaseUrl wins; an explicit dataDir means PGlite even when DATABASE_URL is set.
  const url = (
    options.databaseUrl !== undefined ? options.databaseUrl : options.dataDir !== undefined ? "" : process.env.DATABASE_URL
  )?.trim();
  return url ? openPostgres(options, url, logger) : openPGlite(options, logger);
}

async function openPostgres<TClient extends PrismaClientLike>(
  options: OpenDatabaseOptions<TClient>,
  url: string,
  logger: DbLogger,
): Promise<Database<TClient>> {
  const target = parseDatabaseUrl(url);
  const location = target.redacted;

  const runMigrations = async (apply: ApplyOptions = {}): Promise<ApplyResult> => {
    const onDisk = await readMigrations(options.migrationsDir);
    const client = await connectPg(target).catch((error: unknown) => wrapConnectionError(error, location));
    try {
      const result = await applyMigrations(pgSession(client, location), onDisk, apply);
      reportApply(logger, options.service, options.migrationsDir, result);
      return result;
    } finally {
      await client.end();
    }
  };

  const migrations = options.migrate === false ? null : await runMigrations();

  const pool = new pg.Pool({ ...target.config, max: options.poolSize ?? 10 });
  pool.on("error", (error) => logger.warn(`${options.service}: idle PostgreSQL connection failed: ${error.message}`));
  const adapter = new PrismaPg(pool, target.schema !== undefined ? { schema: target.schema } : undefined);
  let prisma: TClient;
  try {
    prisma = options.createClient(adapter);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return database(
    {
      prisma,
      native: { kind: "postgres", pool },
      service: options.service,
      location,
      migrations,
      async query<T extends object>(sql: string, params: readonly unknown[] = []) {
        const result = await pool.query<T>({ text: sql, values: params as unknown[], types: pgTypes });
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      },
      copyFrom: (table, columns, rows) => copyFromPg(pool, table, columns, rows),
      async ping() {
        await pool.query("SELECT 1");
      },
      migrate: runMigrations,
      backup: () => Promise.resolve(null),
    },
    () => pool.end(),
  );
}

async function openPGlite<TClient extends PrismaClientLike>(
  options: OpenDatabaseOptions<TClient>,
  logger: DbLogger,
): Promise<Database<TClient>> {
  const dataDir = options.dataDir ?? defaultDataDir(options.service);
  const handle = await acquirePGlite(dataDir);
  const { pglite } = handle;
  const location = handle.dataDir;

  const runMigrations = (apply: ApplyOptions = {}): Promise<ApplyResult> =>
    handle.serialize(async () => {
      const onDisk = await readMigrations(options.migrationsDir);
      const result = await applyMigrations(pgliteSession(pglite, location), onDisk, apply);
      reportApply(logger, options.service, options.migrationsDir, result);
      return result;
    });

  let prisma: TClient;
  let migrations: ApplyResult | null = null;
  try {
    if (options.migrate !== false) migrations = await runMigrations();
    prisma = options.createClient(new PrismaPGlite(pglite));
  } catch (error) {
    await handle.release();
    throw error;
  }
  return database(
    {
      prisma,
      native: { kind: "pglite", pglite },
      service: options.service,
      location,
      migrations,
      async query<T extends object>(sql: string, params: readonly unknown[] = []) {
        const result = await pglite.query<T>(sql, params as unknown[], { parsers: pgliteParsers });
        // Like pg: a row-returning statement counts its rows, others the rows they changed.
        return { rows: result.rows, rowCount: result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
      },
      copyFrom: (table, columns, rows, copyOptions) => copyFromPGlite(pglite, table, columns, rows, copyOptions),
      async ping() {
        await pglite.query("SELECT 1");
      },
      migrate: runMigrations,
      backup: (verify) => (isMemoryDataDir(location) ? Promise.resolve(null) : backupPGliteDataDir(pglite, location, verify)),
    },
    () => handle.release(),
  );
}
