// A service's database as the services open it (0001): packages/db's PostgreSQL or embedded PGlite, with
// migrations applied on open, plus packages/events' service notifier that wakes the event streams (poked
// after each commit and, on PostgreSQL, LISTENing so every replica wakes on any replica's writes; polling
// stays the safety net). One helper, so a new service does not copy the wrapper.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase as openShared, type Database as SharedDatabase, type PrismaClientLike } from "@orgboard/db";
import { openServiceNotifier, type LocalNotifier } from "./notifier.js";

export interface ServiceDatabase<TClient extends PrismaClientLike> {
  prisma: TClient;
  notifier: LocalNotifier;
  kind: "pglite" | "postgres";
  shared: SharedDatabase<TClient>;
  readiness(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceDatabaseOptions {
  /** PostgreSQL URL; absent ⇒ embedded PGlite (packages/db's default, `$ORGBOARD_DATA_DIR/<service>`). */
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for a throwaway database. */
  dataDir?: string;
  poolSize?: number;
}

/** `prisma/migrations` of the package whose module is `moduleUrl` (its src/ or dist/ file). */
export function migrationsDirOf(moduleUrl: string): string {
  const here = path.dirname(fileURLToPath(moduleUrl));
  for (const rel of ["../prisma/migrations", "../../prisma/migrations"]) {
    const dir = path.resolve(here, rel);
    if (existsSync(dir)) return dir;
  }
  throw new Error(`prisma/migrations not found from ${here}`);
}

type ClientFactory<TClient> = Parameters<typeof openShared<TClient & PrismaClientLike>>[0]["createClient"];

export async function openServiceDatabase<TClient extends PrismaClientLike>(
  service: string,
  migrationsDir: string,
  createClient: ClientFactory<TClient>,
  opts: ServiceDatabaseOptions = {},
): Promise<ServiceDatabase<TClient>> {
  const shared = await openShared<TClient>({
    service,
    migrationsDir,
    createClient,
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
