// A fresh, migrated database for a test file: in-memory PGlite by default; when TEST_DATABASE_URL or
// DATABASE_URL is set, a new database on that PostgreSQL server (dropped again by close()).
import { randomBytes } from "node:crypto";
import { applyMigrations } from "./migrate.js";
import { connect, type Database } from "./sql.js";

export interface TestDatabase {
  db: Database;
  /** The URL of the created PostgreSQL database (undefined on PGlite). */
  url: string | undefined;
  close(): Promise<void>;
}

export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const db = await connect();
    await applyMigrations(db);
    return { db, url: undefined, close: () => db.close() };
  }
  const name = `membership_test_${randomBytes(6).toString("hex")}`;
  const admin = await connect({ databaseUrl: serverUrl, poolSize: 1 });
  await admin.exec(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await connect({ databaseUrl: url.toString() });
  await applyMigrations(db);
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}
