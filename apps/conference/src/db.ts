// The service's database: PostgreSQL through @prisma/adapter-pg when a URL is given, otherwise an
// embedded PGlite (in `.data/conference/`, or in memory for tests) through pglite-prisma-adapter, with
// prisma/migrations applied on open. Local until packages/db publishes openDatabase; the migration
// ledger is Prisma's own `_prisma_migrations`, so the shared toolchain sees the same history.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { createListenNotifier, type OutboxNotifier } from "@orgboard/events";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.js";

export interface Database {
  prisma: PrismaClient;
  notifier: OutboxNotifier;
  kind: "pglite" | "postgres";
  readiness(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; absent ⇒ embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for a throwaway database. Default `.data/conference`. */
  dataDir?: string;
  poolSize?: number;
}

/** prisma/migrations of this service, found from src/ or dist/. */
export function migrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const rel of ["../prisma/migrations", "../../prisma/migrations"]) {
    const dir = path.resolve(here, rel);
    if (existsSync(dir)) return dir;
  }
  throw new Error(`prisma/migrations not found from ${here}`);
}

interface Exec {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;
// The key native Prisma takes, so a native `prisma migrate deploy` elsewhere serializes with us.
const LOCK_KEY = 72707369;

async function applyMigrations(db: Exec, dir = migrationsDir()): Promise<string[]> {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  await db.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  try {
    await db.exec(LEDGER);
    const done = await db.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(done.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const name of names) {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const prior = byName.get(name);
      if (prior) {
        if (!prior.finished_at) throw new Error(`migration ${name} failed earlier; resolve it before applying more (Prisma P3009)`);
        if (prior.checksum !== checksum) throw new Error(`migration ${name} was edited after it was applied`);
        continue;
      }
      const id = randomUUID();
      await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [id, checksum, name]);
      try {
        await db.exec(sql);
      } catch (err) {
        await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String(err)]);
        throw err;
      }
      await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
      applied.push(name);
    }
    return applied;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  }
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  if (!opts.databaseUrl) {
    const dataDir = opts.dataDir ?? path.resolve(".data/conference");
    if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
    const lite = await PGlite.create(dataDir);
    await applyMigrations({
      query: async <T>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
      exec: async (sql: string) => {
        await lite.exec(sql);
      },
    });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
    const listener = await createListenNotifier(lite);
    return {
      prisma,
      notifier: listener,
      kind: "pglite",
      readiness: async () => {
        await lite.query("SELECT 1");
      },
      async close() {
        await listener.close();
        await prisma.$disconnect();
        await lite.close();
      },
    };
  }
  const admin = new pg.Client({ connectionString: opts.databaseUrl });
  await admin.connect();
  try {
    await applyMigrations({
      query: async <T>(sql: string, params?: unknown[]) => (await admin.query(sql, params)).rows as T[],
      exec: async (sql: string) => {
        await admin.query(sql);
      },
    });
  } catch (err) {
    await admin.end();
    throw err;
  }
  // The migration connection stays open as the LISTEN session of the outbox notifier.
  const listener = await createListenNotifier(admin);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 }) });
  return {
    prisma,
    notifier: listener,
    kind: "postgres",
    readiness: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await listener.close();
      await prisma.$disconnect();
      await admin.end();
    },
  };
}
