// The service's database through packages/db (PostgreSQL when a URL is given, else the embedded PGlite
// in `.data/personnel/`; migrations applied on open), plus what wakes the event streams: packages/events'
// service notifier (poked after each commit and, on PostgreSQL, LISTENing on recordChange's NOTIFY so
// that every replica wakes on any replica's writes). Polling stays the safety net.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase as openShared, type Database as SharedDatabase } from "@orgboard/db";
import { openServiceNotifier, type LocalNotifier } from "@orgboard/events";
import { PrismaClient } from "./generated/prisma/client.js";

export type PersonnelNotifier = LocalNotifier;

export interface Database {
  prisma: PrismaClient;
  notifier: PersonnelNotifier;
  kind: "pglite" | "postgres";
  shared: SharedDatabase<PrismaClient>;
  readiness(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; absent ⇒ embedded PGlite (packages/db's default, `$ORGBOARD_DATA_DIR/personnel`). */
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for a throwaway database. */
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

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const shared = await openShared({
    service: "personnel",
    migrationsDir: migrationsDir(),
    // On a loaded machine Prisma's 5 s default would abort a transaction half-way (a 500 to the caller).
    createClient: (adapter) => new PrismaClient({ adapter, transactionOptions: { timeout: 60_000, maxWait: 15_000 } }),
    databaseUrl: opts.databaseUrl ?? "",
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
  });
  const notifier = await openServiceNotifier({ databaseUrl: shared.kind === "postgres" ? opts.databaseUrl : undefined });
  return {
    prisma: shared.prisma,
    notifier,
    kind: shared.kind,
    shared,
    readiness: () => shared.ping(),
    async close() {
      await notifier.close();
      await shared.close();
    },
  };
}
