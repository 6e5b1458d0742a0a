import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { createMigration, type CreateMigrationResult } from "./engine.js";
import { DbError, describeConnectionError } from "./errors.js";
import { generateClient } from "./generate.js";
import { readMigrations } from "./migrations/files.js";
import { applyMigrations, migrationStatus, resolveMigration, type MigrationStatus } from "./migrations/ledger.js";
import type { SqlSession } from "./migrations/session.js";
import { connectPg, parseDatabaseUrl, pgSession } from "./pg.js";
import { stopOnSignals } from "./signals.js";
import { acquirePGlite, pgliteSession } from "./pglite.js";
import { defaultDataDir, serviceNameFromPackage } from "./paths.js";

const USAGE = `usage: orgboard-db <command> [options]   (run from a service folder, e.g. apps/membership)

  generate                       prisma generate, offline (generator "prisma-client")
  migrate create <name> [--empty] write prisma/migrations/<timestamp>_<name>/migration.sql from schema changes
                                 ("in sync" when there are none; --empty writes an empty one to fill by hand)
  migrate apply                  apply pending migrations to DATABASE_URL, or to the embedded PGlite
  migrate status                 applied / pending / failed / edited; exit 1 unless up to date
  migrate resolve --rolled-back <name> | --applied <name>
                                 mark a failed migration rolled back (to retry it) or applied (done by hand)

options:
  --schema <path>       Prisma schema (default prisma/schema.prisma, or the prisma/schema/ folder)
  --migrations <dir>    migrations folder (default prisma/migrations)
  --service <name>      service name for the embedded data dir (default: package.json name without scope)
  --data-dir <dir>      embedded PGlite directory (default <repo>/.data/<service>, or $ORGBOARD_DATA_DIR/<service>)
  --database-url <url>  PostgreSQL URL (default $DATABASE_URL; unset ⇒ embedded PGlite)`;

interface Context {
  cwd: string;
  values: {
    schema?: string | undefined;
    migrations?: string | undefined;
    service?: string | undefined;
    "data-dir"?: string | undefined;
    "database-url"?: string | undefined;
    empty?: boolean | undefined;
    "rolled-back"?: string | undefined;
    applied?: string | undefined;
  };
  out: (line: string) => void;
}

function schemaPath(ctx: Context): string {
  if (ctx.values.schema) return path.resolve(ctx.cwd, ctx.values.schema);
  const file = path.join(ctx.cwd, "prisma", "schema.prisma");
  if (existsSync(file)) return file;
  const folder = path.join(ctx.cwd, "prisma", "schema");
  if (existsSync(folder)) return folder;
  throw new DbError("ORG_DB_NO_SCHEMA", `no Prisma schema at ${file}; run from the service folder or pass --schema`);
}

function migrationsDir(ctx: Context): string {
  return path.resolve(ctx.cwd, ctx.values.migrations ?? path.join("prisma", "migrations"));
}

/** Runs `work` on the target database: DATABASE_URL (PostgreSQL) or the service's embedded PGlite. */
async function withTarget<T>(ctx: Context, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const url = (ctx.values["database-url"] ?? process.env.DATABASE_URL)?.trim();
  if (url) {
    const target = parseDatabaseUrl(url);
    let client;
    try {
      client = await connectPg(target);
    } catch (error) {
      const described = describeConnectionError(error);
      if (described) throw new DbError("ORG_DB_CONNECT", `${target.redacted}: ${described}`);
      throw error;
    }
    try {
      return await work(pgSession(client, target.redacted));
    } finally {
      await client.end();
    }
  }
  const dataDir = ctx.values["data-dir"]
    ? path.resolve(ctx.cwd, ctx.values["data-dir"])
    : defaultDataDir(ctx.values.service ?? serviceNameFromPackage(ctx.cwd), ctx.cwd);
  const handle = await acquirePGlite(dataDir);
  try {
    return await work(pgliteSession(handle.pglite, handle.dataDir));
  } finally {
    await handle.release();
  }
}

function printCreate(ctx: Context, result: CreateMigrationResult): void {
  if (result.status === "in-sync") {
    ctx.out("Already in sync, no schema change or pending migration was found.");
    return;
  }
  if (result.unexecutable.length > 0) {
    ctx.out("⚠️  We found changes that cannot be executed as they are; edit the migration before applying it:");
    for (const step of result.unexecutable) ctx.out(`  • ${step}`);
  }
  if (result.warnings.length > 0) {
    ctx.out("⚠️  Warnings for the current datasource:");
    for (const warning of result.warnings) ctx.out(`  • ${warning}`);
  }
  ctx.out(`Created migration ${path.relative(ctx.cwd, result.dir) || result.dir}/migration.sql (not applied).`);
  ctx.out("Review it, then run `orgboard-db migrate apply`.");
}

function printStatus(ctx: Context, status: MigrationStatus, total: number): void {
  ctx.out(`${total} migration${total === 1 ? "" : "s"} found in ${path.relative(ctx.cwd, migrationsDir(ctx)) || "."}; database ${status.location}`);
  if (status.notEmptyWithoutHistory) {
    ctx.out("The database schema is not empty and has no _prisma_migrations table (apply would refuse: P3005).");
  }
  if (status.applied.length > 0) ctx.out(`applied (${status.applied.length}): ${status.applied.join(", ")}`);
  if (status.pending.length > 0) ctx.out(`pending (${status.pending.length}): ${status.pending.join(", ")}`);
  for (const failed of status.failed) {
    const reason = (failed.logs ?? "").split("\n").find((l) => l.startsWith("ERROR:")) ?? "";
    ctx.out(`failed: ${failed.name} (started ${failed.startedAt.toISOString()}) ${reason}`.trimEnd());
  }
  if (status.edited.length > 0) ctx.out(`edited after being applied: ${status.edited.join(", ")}`);
  if (status.missingFromDisk.length > 0) ctx.out(`in the database but not in the folder: ${status.missingFromDisk.join(", ")}`);
  if (status.unreadable.length > 0) ctx.out(`folders without a readable migration.sql: ${status.unreadable.join(", ")}`);
  ctx.out(status.upToDate ? "Database schema is up to date." : "Database is NOT up to date.");
}

async function run(command: string | undefined, positionals: string[], ctx: Context): Promise<number> {
  if (command === "generate") {
    await generateClient({ cwd: ctx.cwd, schemaPath: schemaPath(ctx) });
    return 0;
  }
  if (command !== "migrate") throw new DbError("ORG_DB_USAGE", `unknown command ${JSON.stringify(command ?? "")}\n${USAGE}`);
  const [sub, ...rest] = positionals;
  switch (sub) {
    case "create": {
      const name = rest[0];
      if (!name || rest.length > 1) throw new DbError("ORG_DB_USAGE", "usage: orgboard-db migrate create <name> [--empty]");
      if (!/^[A-Za-z0-9_-]+$/.test(name)) {
        throw new DbError("ORG_DB_USAGE", `migration name ${JSON.stringify(name)}: use letters, digits, _ and - only`);
      }
      const result = await createMigration({
        schemaPath: schemaPath(ctx),
        migrationsDir: migrationsDir(ctx),
        name,
        empty: ctx.values.empty === true,
        log: ctx.out,
      });
      printCreate(ctx, result);
      return 0;
    }
    case "apply": {
      const onDisk = await readMigrations(migrationsDir(ctx));
      // The pods' init container: Kubernetes stops it with SIGTERM. Stop between migrations, never inside one.
      const stop = stopOnSignals({
        stopping: (signal) => `${signal}: the migration running finishes, no further one starts (again to quit at once)`,
        finished: (signal) => `${signal}: done, exiting`,
      });
      let result;
      try {
        result = await withTarget(ctx, async (session) => {
          ctx.out(`Applying ${onDisk.migrations.length} migration(s) from ${path.relative(ctx.cwd, onDisk.dir) || "."} to ${session.location}`);
          return applyMigrations(session, onDisk, { signal: stop.signal });
        });
      } finally {
        stop.finish();
      }
      if (result.applied.length === 0 && result.notApplied.length === 0) ctx.out("No pending migrations to apply.");
      else ctx.out(`Applied: ${result.applied.join(", ") || "none"}`);
      if (result.edited.length > 0) ctx.out(`⚠️  applied migrations edited since (not re-applied): ${result.edited.join(", ")}`);
      if (result.missingFromDisk.length > 0) ctx.out(`⚠️  in the database but not in the folder: ${result.missingFromDisk.join(", ")}`);
      if (result.notApplied.length > 0) {
        ctx.out(`Stopped by a signal; not applied (run again to go on): ${result.notApplied.join(", ")}`);
        return 130;
      }
      return 0;
    }
    case "status": {
      const onDisk = await readMigrations(migrationsDir(ctx));
      const status = await withTarget(ctx, (session) => migrationStatus(session, onDisk));
      printStatus(ctx, status, onDisk.migrations.length);
      return status.upToDate ? 0 : 1;
    }
    case "resolve": {
      const rolledBack = ctx.values["rolled-back"];
      const applied = ctx.values.applied;
      if ((rolledBack === undefined) === (applied === undefined)) {
        throw new DbError("ORG_DB_USAGE", "usage: orgboard-db migrate resolve --rolled-back <name> | --applied <name>");
      }
      const onDisk = await readMigrations(migrationsDir(ctx));
      const name = (rolledBack ?? applied) as string;
      await withTarget(ctx, (session) => resolveMigration(session, onDisk, rolledBack ? "rolled-back" : "applied", name));
      ctx.out(`Migration ${name} marked as ${rolledBack ? "rolled back" : "applied"}.`);
      return 0;
    }
    default:
      throw new DbError("ORG_DB_USAGE", `unknown migrate command ${JSON.stringify(sub ?? "")}\n${USAGE}`);
  }
}

/** The CLI; returns the exit code. User errors print one line, no stack (set ORGBOARD_DB_DEBUG=1 for stacks). */
export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        schema: { type: "string" },
        migrations: { type: "string" },
        service: { type: "string" },
        "data-dir": { type: "string" },
        "database-url": { type: "string" },
        empty: { type: "boolean" },
        "rolled-back": { type: "string" },
        applied: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`orgboard-db: ${(error as Error).message}`);
    return 2;
  }
  const [command, ...positionals] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === "help") {
    console.log(USAGE);
    return command === undefined && !parsed.values.help ? 2 : 0;
  }
  const ctx: Context = { cwd: path.resolve(cwd), values: parsed.values, out: (line) => console.log(line) };
  try {
    return await run(command, positionals, ctx);
  } catch (error) {
    if (process.env.ORGBOARD_DB_DEBUG) console.error(error);
    if (error instanceof DbError) {
      console.error(`orgboard-db: ${error.code.startsWith("P") ? `${error.code}: ` : ""}${error.message}`);
      return error.code === "ORG_DB_USAGE" ? 2 : 1;
    }
    const described = describeConnectionError(error);
    console.error(`orgboard-db: ${described ?? (error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}
