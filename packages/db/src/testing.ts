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

/**
 * A new, empty, uniquely named database (`<prefix>_<random hex>`) on the PostgreSQL server `serverUrl` names,
 * for one test or benchmark: its URL, and `drop()`, which removes it again. Every test that needs a database of
 * its own on a server uses this, so the drop's one subtlety lives in one place (see `dropDatabase`).
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return { name, url: withDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}

/**
 * Drops database `name` on the server `serverUrl` names, if it exists. WITH (FORCE) (PostgreSQL 13+) ends the
 * connections a test may have leaked. Without superuser or pg_signal_backend it refuses (42501, "must be a member
 * of the role whose process is being terminated") while an autovacuum worker is in the database (the worker has
 * no role we are a member of), e.g. right after a large seed: the worker is brief, so it tries again (10 s at most).
 * Stop 24's CI failed once on this in a copy of the drop that did not try again.
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "42501" || attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });
}

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  // A client per operation, not one held open for the test's length: the server may end an idle one.
  const client = new pg.Client(parseDatabaseUrl(serverUrl).config);
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
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

  const { url, drop } = await createScratchDatabase(serverUrl, `orgboard_test_${service.replace(/-/g, "_")}_${Date.now().toString(36)}`);
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
