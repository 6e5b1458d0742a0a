import { randomUUID } from "node:crypto";

import { DbError } from "../errors.js";
import { assertPostgresLockfile, scriptMatchesChecksum, type MigrationsOnDisk } from "./files.js";
import { asPgError, lineOf, migrationFailureLog, type SqlSession } from "./session.js";

/** The advisory lock key native Prisma takes for migrations, so that our runner and Prisma's serialize. */
export const MIGRATION_LOCK_KEY = 72707369;
export const MIGRATIONS_TABLE = "_prisma_migrations";

// Exactly Prisma's DDL for PostgreSQL (schema-engine's postgres flavour), so that native
// `prisma migrate status|deploy` elsewhere read the same history.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface LedgerRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

export interface ApplyResult {
  /** Names applied by this run, in order. */
  applied: string[];
  /** Applied migrations whose migration.sql changed since (the database was NOT changed for them). */
  edited: string[];
  /** Migrations recorded in the database but absent from the migrations folder. */
  missingFromDisk: string[];
  /**
   * Pending migrations left unapplied because `signal` was aborted (in order; empty otherwise). The signal is
   * read between migrations only: the one running finishes and is recorded, so an operator's Ctrl-C never
   * leaves a started row behind, which would block every later open (P3009) until `migrate resolve`.
   */
  notApplied: string[];
}

export interface ApplyOptions {
  /** Stop before the next migration once aborted (an operator's SIGINT); see `ApplyResult.notApplied`. */
  signal?: AbortSignal;
}

export interface MigrationStatus {
  location: string;
  /** False when `_prisma_migrations` does not exist yet. */
  initialized: boolean;
  /** True when the table is missing and the schema already has tables: apply would refuse (P3005). */
  notEmptyWithoutHistory: boolean;
  applied: string[];
  pending: string[];
  failed: { name: string; startedAt: Date; logs: string | null }[];
  edited: string[];
  missingFromDisk: string[];
  rolledBack: string[];
  /** Folders without a readable migration.sql. */
  unreadable: string[];
  upToDate: boolean;
}

async function tableExists(session: SqlSession): Promise<boolean> {
  const rows = await session.query<{ exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1) AS "exists"`,
    [MIGRATIONS_TABLE],
  );
  return rows[0]?.exists === true;
}

/** Prisma's "is the schema empty": no tables, views or enums in the current schema. */
async function schemaIsEmpty(session: SqlSession): Promise<boolean> {
  const rows = await session.query<{ n: number }>(
    `SELECT (
       (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))
     + (SELECT count(*) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = current_schema() AND t.typtype = 'e')
     )::int AS n`,
  );
  return (rows[0]?.n ?? 0) === 0;
}

async function listRows(session: SqlSession): Promise<LedgerRow[]> {
  return session.query<LedgerRow>(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at ASC, migration_name ASC`,
  );
}

function isFailed(row: LedgerRow): boolean {
  return row.finished_at === null && row.rolled_back_at === null;
}

function firstLine(text: string | null): string {
  if (!text) return "";
  const lines = text.split("\n").map((l) => l.trim());
  // Prisma-shaped logs start with "Database error code: X"; the useful line is the "ERROR:" one.
  return lines.find((l) => l.startsWith("ERROR:")) ?? lines.find((l) => l.length > 0) ?? "";
}

function failedMigrationsError(location: string, failed: LedgerRow[]): DbError {
  const names = failed.map((row) => row.migration_name);
  const details = failed
    .map((row) => `${row.migration_name} (started ${row.started_at.toISOString()}): ${firstLine(row.logs) || "no logs"}`)
    .join("; ");
  return new DbError(
    "P3009",
    `found failed migrations in ${location}, new migrations will not be applied: ${details}. ` +
      `Repair the database by hand, then run \`orgboard-db migrate resolve --rolled-back ${names[0]}\` (to retry it) ` +
      `or \`--applied ${names[0]}\` (if you completed it by hand). See https://pris.ly/d/migrate-resolve`,
  );
}

function editedMigrations(rows: LedgerRow[], onDisk: MigrationsOnDisk): string[] {
  const byName = new Map(onDisk.migrations.map((m) => [m.name, m]));
  const edited = new Set<string>();
  for (const row of rows) {
    if (row.finished_at === null || row.rolled_back_at !== null) continue;
    const file = byName.get(row.migration_name);
    if (file?.script != null && !scriptMatchesChecksum(file.script, row.checksum)) edited.add(row.migration_name);
  }
  return [...edited];
}

function missingFromDisk(rows: LedgerRow[], onDisk: MigrationsOnDisk): string[] {
  const names = new Set(onDisk.migrations.map((m) => m.name));
  const missing = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at === null && !names.has(row.migration_name)) missing.add(row.migration_name);
  }
  return [...missing];
}

/** Holds Prisma's migration advisory lock (session-level) for the duration of `work`. */
export async function withMigrationLock<T>(session: SqlSession, work: () => Promise<T>): Promise<T> {
  await session.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    return await work();
  } finally {
    await session.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}

/**
 * Applies the pending migrations exactly as Prisma's schema engine does (`migrate deploy`): lock; create the
 * ledger on an empty schema (else P3005); refuse while a migration is failed (P3009); for each pending one,
 * record a row, run the script as one simple-protocol query (one implicit transaction), then mark it finished,
 * or store the error in `logs` and stop (P3018).
 */
export async function applyMigrations(session: SqlSession, onDisk: MigrationsOnDisk, options: ApplyOptions = {}): Promise<ApplyResult> {
  assertPostgresLockfile(onDisk);
  const unreadable = onDisk.migrations.find((m) => m.script === null);
  if (unreadable) {
    throw new DbError(
      "P3015",
      `could not read migration.sql of migration ${unreadable.name} in ${onDisk.dir}: ${unreadable.readError ?? "unknown error"}`,
    );
  }

  return withMigrationLock(session, async () => {
    if (!(await tableExists(session))) {
      if (!(await schemaIsEmpty(session))) {
        throw new DbError(
          "P3005",
          `the database schema of ${session.location} is not empty but has no _prisma_migrations table; ` +
            `migrations are only applied to an empty database (to adopt an existing one, baseline it: https://pris.ly/d/migrate-baseline)`,
        );
      }
      await session.exec(CREATE_MIGRATIONS_TABLE);
    }

    const rows = await listRows(session);
    const failed = rows.filter(isFailed);
    if (failed.length > 0) throw failedMigrationsError(session.location, failed);

    const done = new Set(rows.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
    const applied: string[] = [];
    const notApplied: string[] = [];
    for (const migration of onDisk.migrations) {
      if (done.has(migration.name)) continue;
      // A turn of the event loop, so that a signal that came during the last migration has been handled (on
      // PGlite a migration holds the thread: its handler could not run before).
      if (options.signal && applied.length > 0) await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted || notApplied.length > 0) {
        notApplied.push(migration.name);
        continue;
      }
      const script = migration.script ?? "";
      const id = randomUUID();
      // The row goes in before the script, so that a crash mid-script leaves a failed entry behind (as Prisma).
      await session.query(
        `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)`,
        [id, migration.checksum, migration.name],
      );
      try {
        await session.exec(script);
      } catch (error) {
        await session.query(`UPDATE _prisma_migrations SET logs = $2 WHERE id = $1`, [
          id,
          migrationFailureLog(error, script),
        ]);
        const pg = asPgError(error);
        const line = lineOf(script, pg?.position);
        const reason = pg
          ? `ERROR ${pg.code}: ${pg.message}${line !== null ? ` (migration.sql line ${line})` : ""}`
          : error instanceof Error
            ? error.message
            : String(error);
        throw new DbError(
          "P3018",
          `migration ${migration.name} failed to apply to ${session.location}: ${reason}. ` +
            `It was rolled back and recorded as failed; new migrations cannot be applied until it is resolved ` +
            `(\`orgboard-db migrate resolve --rolled-back ${migration.name}\` after fixing it).`,
          { cause: error },
        );
      }
      await session.query(
        `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
        [id],
      );
      await session.query(`UPDATE _prisma_migrations SET finished_at = now() WHERE id = $1`, [id]);
      applied.push(migration.name);
    }

    const after = await listRows(session);
    return { applied, edited: editedMigrations(after, onDisk), missingFromDisk: missingFromDisk(after, onDisk), notApplied };
  });
}

/** Compares the migrations folder with the ledger (read-only; no lock). */
export async function migrationStatus(session: SqlSession, onDisk: MigrationsOnDisk): Promise<MigrationStatus> {
  const unreadable = onDisk.migrations.filter((m) => m.script === null).map((m) => m.name);
  const initialized = await tableExists(session);
  const rows = initialized ? await listRows(session) : [];
  const notEmptyWithoutHistory = !initialized && !(await schemaIsEmpty(session));
  const live = rows.filter((r) => r.rolled_back_at === null);
  const finished = new Set(live.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
  const failedRows = live.filter((r) => r.finished_at === null);
  const failedNames = new Set(failedRows.map((r) => r.migration_name));
  const liveNames = new Set(live.map((r) => r.migration_name));
  const status: MigrationStatus = {
    location: session.location,
    initialized,
    notEmptyWithoutHistory,
    applied: onDisk.migrations.filter((m) => finished.has(m.name)).map((m) => m.name),
    pending: onDisk.migrations.filter((m) => !liveNames.has(m.name)).map((m) => m.name),
    failed: failedRows.map((r) => ({ name: r.migration_name, startedAt: r.started_at, logs: r.logs })),
    edited: editedMigrations(rows, onDisk),
    missingFromDisk: missingFromDisk(rows, onDisk),
    rolledBack: [
      ...new Set(rows.filter((r) => r.rolled_back_at !== null && !liveNames.has(r.migration_name)).map((r) => r.migration_name)),
    ].filter((n) => !failedNames.has(n)),
    unreadable,
    upToDate: false,
  };
  status.upToDate =
    !notEmptyWithoutHistory &&
    status.pending.length === 0 &&
    status.failed.length === 0 &&
    status.edited.length === 0 &&
    status.missingFromDisk.length === 0 &&
    status.unreadable.length === 0;
  return status;
}

/**
 * `prisma migrate resolve` without the native engine. `rolled-back` marks a failed migration as rolled back
 * (it will be retried); `applied` records a migration as applied without running it (Prisma's
 * markMigrationApplied: a failed entry is first marked rolled back).
 */
export async function resolveMigration(
  session: SqlSession,
  onDisk: MigrationsOnDisk,
  action: "rolled-back" | "applied",
  name: string,
): Promise<void> {
  await withMigrationLock(session, async () => {
    if (!(await tableExists(session))) {
      if (action === "rolled-back") {
        throw new DbError("P3011", `migration ${name} cannot be rolled back because it was never applied to ${session.location}`);
      }
      // No P3005 here: recording history for an existing schema (baselining) is what `--applied` is for.
      await session.exec(CREATE_MIGRATIONS_TABLE);
    }
    const rows = (await listRows(session)).filter((r) => r.migration_name === name);
    if (action === "rolled-back") {
      const failed = rows.filter(isFailed);
      if (failed.length === 0) {
        if (rows.length === 0) {
          throw new DbError("P3011", `migration ${name} cannot be rolled back because it was never applied to ${session.location}`);
        }
        throw new DbError("P3012", `migration ${name} cannot be rolled back because it is not in a failed state`);
      }
      await session.query(
        `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
        [name],
      );
      return;
    }
    const file = onDisk.migrations.find((m) => m.name === name);
    if (!file || file.checksum === null) {
      throw new DbError("P3017", `the migration ${name} could not be found in ${onDisk.dir}`);
    }
    if (rows.some((r) => r.finished_at !== null && r.rolled_back_at === null)) {
      throw new DbError("P3008", `the migration ${name} is already recorded as applied in ${session.location}`);
    }
    await session.query(
      `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
      [name],
    );
    await session.query(
      `INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, now(), now(), $3, 0)`,
      [randomUUID(), file.checksum, name],
    );
  });
}
