// The inspection service: tRPC on Hono (server-kit). main.ts wires it to configuration; tests start it
// directly, with a subject directory over a real membership service.
import type { TokenVerifier } from "@orgboard/auth";
import { createService, type Logger, type RateLimitOptions, type Service } from "@orgboard/server-kit";
import { followMembershipEffects, type EffectFollower, type MembershipFollowOptions } from "./app/membership-effects.js";
import type { SubjectDirectory } from "./app/subjects.js";
import type { DenouncerKeyring } from "./crypto/denouncer.js";
import type { InspectionContext } from "./context.js";
import type { Database } from "./db.js";
import { appRouter } from "./router/index.js";

export interface InspectionServiceOptions {
  db: Database;
  verifier: TokenVerifier;
  /** Members and organizations (membershipDirectory over MEMBERSHIP_URL in production). */
  subjects: SubjectDirectory;
  /** Petitioners' identities (INSPECTION_DENOUNCER_KEYS, or development's generated key): main.ts always passes it. */
  denouncerKeys?: DenouncerKeyring;
  port?: number;
  host?: string;
  logger?: Logger;
  corsOrigins?: string[];
  now?: () => Date;
  bodyLimitBytes?: number;
  /** Request rate limits (RATE_LIMIT_*, rateLimitsFromConfig); default server-kit's. */
  rateLimits?: RateLimitOptions | false;
  /** Follow membership's stream for the effects of decisions (MEMBERSHIP_URL + client credentials); absent ⇒ not followed. */
  membershipEffects?: MembershipFollowOptions;
  /** Close the database on stop (default true). */
  closeDatabase?: boolean;
  /** Runs on stop after the requests drained, before the database is closed (the last audit anchor). */
  onClose?: () => Promise<void>;
}

export interface InspectionService extends Service {
  /** The follower of membership's answers, once started (null without `membershipEffects`). */
  effects(): EffectFollower | null;
}

export function createInspectionService(opts: InspectionServiceOptions): InspectionService {
  const now = opts.now ?? (() => new Date());
  const { prisma, notifier } = opts.db;
  let effects: EffectFollower | null = null;
  const service = createService({
    name: "inspection",
    router: appRouter,
    verifier: opts.verifier,
    port: opts.port,
    host: opts.host,
    logger: opts.logger,
    corsOrigins: opts.corsOrigins,
    bodyLimitBytes: opts.bodyLimitBytes ?? 1024 * 1024,
    ...(opts.rateLimits !== undefined ? { rateLimits: opts.rateLimits } : {}),
    readiness: () => opts.db.readiness(),
    createContext: (base): InspectionContext => ({ ...base, db: prisma, now, subjects: opts.subjects, notifier, ...(opts.denouncerKeys ? { denouncerKeys: opts.denouncerKeys } : {}) }),
    onClose: async () => {
      await opts.onClose?.();
      await effects?.stop();
      if (opts.closeDatabase !== false) await opts.db.close();
    },
  });
  return {
    ...service,
    async start(startOpts) {
      const address = await service.start(startOpts);
      if (opts.membershipEffects) effects = await followMembershipEffects({ ...opts.membershipEffects, db: prisma, logger: service.logger, now });
      return address;
    },
    async stop() {
      // First: no effect starts being recorded once stopping began (the one in progress finishes).
      await effects?.stop();
      await service.stop();
    },
    effects: () => effects,
  };
}
