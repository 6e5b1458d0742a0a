// The conference service: tRPC on Hono (server-kit), the bridge's heartbeat endpoint, and the sweep
// that marks silent sites down. main.ts wires it to configuration; tests start it directly.
import type { TokenVerifier } from "@orgboard/auth";
import { createService, type Logger, type RateLimitOptions, type Service } from "@orgboard/server-kit";
import { mountBridge } from "./bridge/heartbeats.js";
import type { ConferenceContext } from "./context.js";
import type { Database } from "./db.js";
import { DEFAULT_LINK_THRESHOLDS, validateThresholds, type LinkThresholds } from "./domain/index.js";
import { sweepLinks } from "./app/links.js";
import { appRouter } from "./router/index.js";

export interface ConferenceServiceOptions {
  db: Database;
  verifier: TokenVerifier;
  port?: number;
  host?: string;
  logger?: Logger;
  corsOrigins?: string[];
  /** Request rate limits (server-kit's defaults when unset; `false`: none, for benchmarks). */
  rateLimits?: RateLimitOptions | false;
  links?: Partial<LinkThresholds>;
  now?: () => Date;
  /** Standard Webhooks secret for the bridge ("whsec_…"). */
  bridgeWebhookSecret?: string;
  /** Largest request body (default 4 MiB: site lists arrive in batches of up to 5,000 sites). */
  bodyLimitBytes?: number;
  /** How often silent sites are looked for; 0 disables the timer (tests call sweep()). Default 2000 ms. */
  sweepIntervalMs?: number;
  /** Close the database on stop (default true). */
  closeDatabase?: boolean;
  /** Runs on stop after the requests drained, before the database is closed (the last audit anchor). */
  onClose?: () => Promise<void>;
}

export interface ConferenceService extends Service {
  /** Marks sites whose heartbeats stopped as degraded/disconnected; returns how many changed. */
  sweep(now?: Date): Promise<number>;
}

export function createConferenceService(opts: ConferenceServiceOptions): ConferenceService {
  const links = validateThresholds({ ...DEFAULT_LINK_THRESHOLDS, ...opts.links });
  const now = opts.now ?? (() => new Date());
  const { prisma, notifier } = opts.db;
  let timer: NodeJS.Timeout | null = null;

  const service = createService({
    name: "conference",
    router: appRouter,
    verifier: opts.verifier,
    port: opts.port,
    host: opts.host,
    logger: opts.logger,
    corsOrigins: opts.corsOrigins,
    rateLimits: opts.rateLimits,
    // Site lists for national conferences arrive in batches of up to 5,000 sites.
    bodyLimitBytes: opts.bodyLimitBytes ?? 4 * 1024 * 1024,
    readiness: () => opts.db.readiness(),
    createContext: (base): ConferenceContext => ({ ...base, db: prisma, now, links, notifier }),
    onClose: async () => {
      if (timer) clearInterval(timer);
      await opts.onClose?.();
      if (opts.closeDatabase !== false) await opts.db.close();
    },
  });
  mountBridge(service.app, { db: prisma, verifier: opts.verifier, links, now, webhookSecret: opts.bridgeWebhookSecret, onCommitted: () => notifier.notify() });

  const sweep = async (at?: Date) => {
    const changed = await sweepLinks(prisma, { now: at ?? now(), thresholds: links });
    if (changed > 0) notifier.notify();
    return changed;
  };
  const interval = opts.sweepIntervalMs ?? 2000;
  return {
    ...service,
    async start(startOpts) {
      const address = await service.start(startOpts);
      if (interval > 0) {
        let running = false;
        timer = setInterval(() => {
          if (running) return;
          running = true;
          sweep()
            .catch((err: unknown) => service.logger.error({ err }, "link sweep failed"))
            .finally(() => (running = false));
        }, interval);
        timer.unref();
      }
      return address;
    },
    sweep,
  };
}
