import { randomBytes } from "node:crypto";

import pg from "pg";

import { openDatabase, type Database, type DbLogger, type OpenDatabaseOptions, type PrismaClientLike } from "./database.js";
import { parseDatabaseUrl, withDatabase } from "./pg.js";

export interface CreateTestDatabaseOptions<TClient extends PrismaClientLike> {
  migrationsDir: string;
  createClient: OpenDatabaseOptions<TClient>["createClient"];
  /** Used in the temporary database's name; default "test". */
  service?: string;
  /** Server to create the database on. Default: TEST_DATABASE_URL, else DATABASE_URL, else in-memory PGlite. */
  serverUrl?: string | undefined;
  logger?: DbLogger;
}

export interface TestDatabase<TClient extends PrismaClientLike> extends Database<TClient> {
  /** The URL of the temporary PostgreSQL database (null on PGlite). */
  url: string | null;
}

function serverUrlFromEnv(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  return url || undefined;
}

/**
 * A fresh, migrated database for one test (file): in-memory PGlite by default; with TEST_DATABASE_URL or
 * DATABASE_URL set, a new uniquely named database on that server, dropped again by `close()`.
 */
export async function createTestDatabase<TClient extends PrismaClientLike>(
  options: CreateTestDatabaseOptions<TClient>,
): Promise<TestDatabase<TClient>> {
  const service = options.service ?? "test";
  const serverUrl = options.serverUrl !== undefined ? options.serverUrl : serverUrlFromEnv();
  const base = {
    service,
    migrationsDir: options.migrationsDir,
    createClient: options.createClient,
    migrate: true,
    ...(options.logger ? { logger: options.logger } : {}),
  };
  if (!serverUrl) {
    const db = await openDatabase({ ...base, databaseUrl: "", dataDir: "memory://" });
    return Object.assign(db, { url: null });
  }

  const admin = parseDatabaseUrl(serverUrl);
  const name = `orgboard_test_${service.replace(/-/g, "_")}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const adminClient = new pg.Client(admin.config);
  adminClient.on("error", () => undefined);
  await adminClient.connect();
  try {
    await adminClient.query(`CREATE DATABASE "${name}"`);
  } finally {
    await adminClient.end();
  }
  const url = withDatabase(serverUrl, name);
  const drop = async () => {
    const client = new pg.Client(admin.config);
    client.on("error", () => undefined);
    await client.connect();
    try {
      // WITH (FORCE) (PostgreSQL 13+) ends connections a test may have leaked. Without superuser or
      // pg_signal_backend it refuses (42501) while an autovacuum worker is in the database (it has no
      // role we are a member of), e.g. right after a large import: the worker is brief, so try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== "42501" || attempt >= 40) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    } finally {
      await client.end();
    }
  };
  let db: Database<TClient>;
  try {
    db = await openDatabase({ ...base, databaseUrl: url });
  } catch (error) {
    await drop();
    throw error;
  }
  const close = db.close.bind(db);
  return Object.assign(db, {
    url,
    async close() {
      try {
        await close();
      } finally {
        await drop();
      }
    },
  });
}
