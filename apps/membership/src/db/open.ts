// Opens the membership database through @orgboard/db (0001/0002), like every service: DATABASE_URL ⇒
// PostgreSQL, otherwise the embedded PGlite in .data/membership/ at the repository root (or
// $ORGBOARD_DATA_DIR/membership), so the CLI and the server share it. @orgboard/db applies the migrations
// (Prisma's ledger, advisory lock) and holds the data-dir lock; here the pool / PGlite it opened is wrapped
// in the `Sql` surface the bulk paths and the router are written against (see docs/decisions/0004).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  defaultDataDir,
  isDbError,
  openDatabase,
  type ApplyOptions,
  type ApplyResult,
  type Database as SharedDatabase,
  type DbLogger,
  type OpenDatabaseOptions,
  TRANSACTION_OPTIONS,
} from "@orgboard/db";
import { PrismaClient } from "../generated/prisma/client.js";
import { sqlFromPglite, sqlFromPgPool, type Database } from "./sql.js";

export interface OpenOptions {
  /** PostgreSQL URL. Default: DATABASE_URL, unless `dataDir` is given. */
  databaseUrl?: string | undefined;
  /** PGlite data directory ("memory://" for a throwaway one); giving it selects PGlite. */
  dataDir?: string | undefined;
  /** apply pending migrations first (default true) */
  migrate?: boolean;
  /** PostgreSQL pool size, shared by the Sql layer and Prisma (default 6). */
  poolSize?: number;
  logger?: DbLogger;
}

/** The `Sql` handle plus what came with it from @orgboard/db. */
export interface MembershipDatabase extends Database {
  /** Prisma Client over the same pool / PGlite instance. */
  readonly prisma: PrismaClient;
  readonly shared: SharedDatabase<PrismaClient>;
  /** Applies pending migrations now (the `orgboard operator migrate` command); `signal` stops between two. */
  migrate(options?: ApplyOptions): Promise<ApplyResult>;
}

/** prisma/migrations of this service (works from src/ and from dist/). */
export function migrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const rel of ["../../prisma/migrations", "../../../prisma/migrations"]) {
    const dir = path.resolve(here, rel);
    if (existsSync(dir)) return dir;
  }
  throw new Error(`prisma/migrations not found from ${here}`);
}

/** `.data/membership` under the repository root (the directory holding pnpm-workspace.yaml). */
export function membershipDataDir(from = process.cwd()): string {
  try {
    return defaultDataDir("membership", from);
  } catch {
    return path.resolve(from, ".data", "membership"); // outside a checkout (no pnpm-workspace.yaml above)
  }
}

export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
}

export const createMembershipClient: OpenDatabaseOptions<PrismaClient>["createClient"] = (adapter) => new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });

/** Wraps an opened @orgboard/db Database in the membership `Sql` surface; closing it closes `shared`. */
export function membershipDatabaseOf(shared: SharedDatabase<PrismaClient>): MembershipDatabase {
  const native = shared.native;
  const sql = native.kind === "postgres" ? sqlFromPgPool(native.pool) : sqlFromPglite(native.pglite, false);
  return Object.assign(sql, {
    prisma: shared.prisma,
    shared,
    migrate: (options?: ApplyOptions) => shared.migrate(options),
    close: () => shared.close(),
  });
}

export async function openMembershipDatabase(options: OpenOptions = {}): Promise<MembershipDatabase> {
  // An explicit dataDir means the embedded database even when DATABASE_URL is set (the CLI's `start`).
  const databaseUrl = options.databaseUrl ?? (options.dataDir !== undefined ? "" : process.env.DATABASE_URL ?? "");
  try {
    const shared = await openDatabase({
      service: "membership",
      migrationsDir: migrationsDir(),
      createClient: createMembershipClient,
      databaseUrl,
      ...(databaseUrl ? {} : { dataDir: options.dataDir ?? membershipDataDir() }),
      migrate: options.migrate ?? true,
      poolSize: options.poolSize ?? 6,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return membershipDatabaseOf(shared);
  } catch (e) {
    if (isDbError(e) && e.code === "ORG_DB_PGLITE_BUSY") throw new DatabaseBusyError(e.message, { cause: e });
    throw e;
  }
}
