// The service's database: packages/events' openServiceDatabase (PostgreSQL when a URL is given, else the
// embedded PGlite in `.data/restructuring/`; migrations applied on open; the notifier that wakes event streams).
import { migrationsDirOf, openServiceDatabase, type LocalNotifier, type ServiceDatabase, type ServiceDatabaseOptions } from "@orgboard/events";
import { TRANSACTION_OPTIONS } from "@orgboard/db";
import { PrismaClient } from "./generated/prisma/client.js";

export type RestructuringNotifier = LocalNotifier;
export type Database = ServiceDatabase<PrismaClient>;
export type OpenDatabaseOptions = ServiceDatabaseOptions;

/** prisma/migrations of this service, found from src/ or dist/. */
export const migrationsDir = (): string => migrationsDirOf(import.meta.url);

export function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  return openServiceDatabase(
    "restructuring",
    migrationsDir(),
    (adapter) => new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }),
    opts,
  );
}
