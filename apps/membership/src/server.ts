// The membership service: tRPC on Hono (server-kit's createService), health and readiness, the event
// stream. main.ts wires it to the environment; tests start it directly on 127.0.0.1:0.
import type { TokenVerifier } from "@orgboard/auth";
import { createLocalNotifier, type LocalNotifier } from "@orgboard/events";
import { todayInVietnam, type IsoDate } from "@orgboard/locale-vi";
import { createService, type Logger, type RateLimitOptions, type Service } from "@orgboard/server-kit";
import type { MembershipDatabase } from "./db/open.js";
import { startInspectionConsumer, type DecisionConsumer, type InspectionFollowOptions } from "./decisions/inspection-consumer.js";
import type { MembershipContext } from "./router/context.js";
import { appRouter } from "./router/index.js";

export const DEFAULT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_EXPORT_MAX_ROWS = 200_000;

export interface MembershipServiceOptions {
  /** The SQL handle with its Prisma Client (db/open.ts or db/testing.ts). */
  db: MembershipDatabase;
  verifier: TokenVerifier;
  port?: number;
  host?: string;
  logger?: Logger;
  corsOrigins?: string[];
  /** Request rate limits (server-kit's defaults when unset; `false`: none, for benchmarks). */
  rateLimits?: RateLimitOptions | false;
  /** Today's date in Vietnam; tests pass a fixed one. */
  today?: () => IsoDate;
  /** Largest decoded import file (default 10 MiB); the HTTP body limit follows from it. */
  importMaxBytes?: number;
  /** Most rows one export may return (default 200,000). */
  exportMaxRows?: number;
  /** Largest request body; default what the largest import needs (base64 of importMaxBytes + 256 KiB). */
  bodyLimitBytes?: number;
  /** What wakes event streams (packages/events' openServiceNotifier: LISTEN/NOTIFY when several instances share a database); default: this instance's commits only. */
  notifier?: LocalNotifier;
  /** Follow inspection's stream and apply its discipline decisions (INSPECTION_URL); absent ⇒ not followed. */
  inspection?: InspectionFollowOptions;
  /** Close the database on stop (default true). */
  closeDatabase?: boolean;
  /** Runs on stop after the requests drained, before the database is closed. */
  onClose?: () => Promise<void>;
  shutdownTimeoutMs?: number;
}

export interface MembershipService extends Service {
  /** The follower of inspection's decisions, once started (null without `inspection`). */
  decisions(): DecisionConsumer | null;
}

export function createMembershipService(opts: MembershipServiceOptions): MembershipService {
  const notifier = opts.notifier ?? createLocalNotifier();
  const importMaxBytes = opts.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  const limits = { importMaxBytes, exportMaxRows: opts.exportMaxRows ?? DEFAULT_EXPORT_MAX_ROWS };
  const today = opts.today ?? todayInVietnam;
  let decisions: DecisionConsumer | null = null;
  const service = createService({
    name: "membership",
    router: appRouter,
    verifier: opts.verifier,
    port: opts.port,
    host: opts.host,
    logger: opts.logger,
    corsOrigins: opts.corsOrigins,
    rateLimits: opts.rateLimits,
    // An import carries its file base64-encoded (4/3 of its size) plus the JSON around it.
    bodyLimitBytes: opts.bodyLimitBytes ?? Math.ceil(importMaxBytes / 3) * 4 + 256 * 1024,
    shutdownTimeoutMs: opts.shutdownTimeoutMs,
    readiness: async () => {
      await opts.db.query("SELECT 1");
    },
    createContext: (base): MembershipContext => ({ ...base, db: opts.db, prisma: opts.db.prisma, notifier, notify: () => notifier.notify(), today, limits }),
    onClose: async () => {
      // Before the database closes: the event in progress commits or rolls back as a whole.
      await decisions?.stop();
      await opts.onClose?.();
      if (opts.closeDatabase !== false) await opts.db.close();
    },
  });
  return {
    ...service,
    async start(startOpts) {
      const address = await service.start(startOpts);
      if (opts.inspection) decisions = await startInspectionConsumer({ ...opts.inspection, db: opts.db, logger: service.logger, notify: () => notifier.notify() });
      return address;
    },
    async stop() {
      // First: no event starts being applied once stopping began (the one in progress finishes).
      await decisions?.stop();
      await service.stop();
    },
    decisions: () => decisions,
  };
}
