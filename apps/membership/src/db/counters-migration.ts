// The counters migration file is generated from src/db/stats-sql.ts (the single definition of the
// counters): `pnpm --filter @orgboard/membership gen:counters` rewrites it; a test checks it is in sync.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { migrationsDir } from "./open.js";
import { countersMigrationSql } from "./stats-sql.js";

export const COUNTERS_MIGRATION = "20261127060100_counters";

export function countersMigrationPath(): string {
  return path.join(migrationsDir(), COUNTERS_MIGRATION, "migration.sql");
}

export function countersMigrationInSync(): boolean {
  return readFileSync(countersMigrationPath(), "utf8") === countersMigrationSql();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeFileSync(countersMigrationPath(), countersMigrationSql());
  console.log(`wrote ${path.relative(process.cwd(), countersMigrationPath())} (${fileURLToPath(import.meta.url)})`);
}
