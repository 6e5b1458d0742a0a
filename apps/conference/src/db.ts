// The service's database through packages/db (PostgreSQL when a URL is given, else the embedded PGlite
// in `.data/conference/`; migrations applied on open), plus what wakes the event streams: an in-process
// notifier the service pokes after each commit and, on PostgreSQL, LISTEN on recordChange's NOTIFY so
// that every replica wakes on any replica's writes. Polling stays the safety net.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase as openShared, type Database as SharedDatabase } from "@orgboard/db";
import { createListenNotifier, createLocalNotifier, type OutboxNotifier } from "@orgboard/events";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.js";

export interface ConferenceNotifier extends OutboxNotifier {
  /** Call after a transaction that wrote outbox rows committed. */
  notify(): void;
}

export interface Database {
  prisma: PrismaClient;
  notifier: ConferenceNotifier;
  kind: "pglite" | "postgres";
  shared: SharedDatabase<PrismaClient>;
  readiness(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; absent ⇒ embedded PGlite (packages/db's default, `$ORGBOARD_DATA_DIR/conference`). */
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
    service: "conference",
    migrationsDir: migrationsDir(),
    // National conferences move thousands of rows in one transaction; on a loaded machine Prisma's
    // 5 s default would abort them half-way (and the caller would see a 500).
    createClient: (adapter) => new PrismaClient({ adapter, transactionOptions: { timeout: 60_000, maxWait: 15_000 } }),
    databaseUrl: opts.databaseUrl ?? "",
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
  });
  const local = createLocalNotifier();
  let listener: (OutboxNotifier & { close(): Promise<void> }) | null = null;
  let listenClient: pg.Client | null = null;
  if (shared.kind === "postgres" && opts.databaseUrl) {
    listenClient = new pg.Client({ connectionString: opts.databaseUrl });
    listenClient.on("error", () => undefined);
    await listenClient.connect();
    listener = await createListenNotifier(listenClient);
  }
  const notifier: ConferenceNotifier = {
    notify: () => local.notify(),
    subscribe(fn) {
      const offLocal = local.subscribe(fn);
      const offListen = listener?.subscribe(fn);
      return () => {
        offLocal();
        offListen?.();
      };
    },
  };
  return {
    prisma: shared.prisma,
    notifier,
    kind: shared.kind,
    shared,
    readiness: () => shared.ping(),
    async close() {
      await listener?.close().catch(() => undefined);
      await listenClient?.end().catch(() => undefined);
      await shared.close();
    },
  };
}
