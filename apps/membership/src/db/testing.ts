// A fresh, migrated database for a test file, from @orgboard/db/testing: in-memory PGlite by default; when
// TEST_DATABASE_URL or DATABASE_URL is set, a new database on that PostgreSQL server (dropped by close()).
import { createTestDatabase } from "@orgboard/db/testing";
import { createMembershipClient, membershipDatabaseOf, migrationsDir, type MembershipDatabase } from "./open.js";

export interface TestDatabase {
  db: MembershipDatabase;
  /** The URL of the created PostgreSQL database (undefined on PGlite). */
  url: string | undefined;
  close(): Promise<void>;
}

export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const shared = await createTestDatabase({
    service: "membership",
    migrationsDir: migrationsDir(),
    createClient: createMembershipClient,
    serverUrl: testServerUrl() ?? "",
  });
  const db = membershipDatabaseOf(shared);
  return { db, url: shared.url ?? undefined, close: () => db.close() };
}
