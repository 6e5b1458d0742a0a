export {
  openDatabase,
  type Database,
  type DbLogger,
  type NativeHandle,
  type OpenDatabaseOptions,
  type PrismaClientLike,
  type QueryResult,
  TRANSACTION_OPTIONS,
} from "./database.js";
export { backupPGliteDataDir, type EmbeddedBackup } from "./backup.js";
export { type CopyOptions, type CopyRow, type CopyRows } from "./copy.js";
export { DbError, isDbError } from "./errors.js";
export { createMigration, type CreateMigrationOptions, type CreateMigrationResult } from "./engine.js";
export { generateClient, offlinePrismaEnv } from "./generate.js";
export { checksumOf, readMigrations, type MigrationOnDisk, type MigrationsOnDisk } from "./migrations/files.js";
export {
  applyMigrations,
  migrationStatus,
  resolveMigration,
  MIGRATION_LOCK_KEY,
  type ApplyOptions,
  type ApplyResult,
  type LedgerRow,
  type MigrationStatus,
} from "./migrations/ledger.js";
export { type SqlSession } from "./migrations/session.js";
export { defaultDataDir, findRepoRoot, serviceNameFromPackage } from "./paths.js";
export { parseDatabaseUrl } from "./pg.js";
export { stopOnSignals, SignalStopError, type StopMessages, type StopSignals } from "./signals.js";
export { fromDbDate, fromDbDateOrNull, toDbDate, toIsoInstant } from "./dates.js";
export { columnOf, snakeCase, subtreeBounds, type ColumnsOf, type RowOf, type SnakeCase } from "./rows.js";
