// The personnel service: tRPC on Hono (server-kit). main.ts wires it to configuration; tests start it
// directly, with consultations over real membership and inspection services.
import type { TokenVerifier } from "@orgboard/auth";
import { createService, type Logger, type RateLimitOptions, type Service } from "@orgboard/server-kit";
import type { Consultations } from "./app/consultations.js";
import type { Follower } from "./app/follow.js";
import { followInspection, type InspectionFollower, type InspectionFollowOptions } from "./app/inspection-effects.js";
import { followMembership, type MembershipFollowOptions } from "./app/membership-effects.js";
import type { PersonnelContext } from "./context.js";
import type { Database } from "./db.js";
import { appRouter } from "./router/index.js";

export interface PersonnelServiceOptions {
  db: Database;
  verifier: TokenVerifier;
  /** Membership and inspection (serviceConsultations over their URLs in production). */
  consult: Consultations;
  port?: number;
  host?: string;
  logger?: Logger;
  corsOrigins?: string[];
  now?: () => Date;
  bodyLimitBytes?: number;
  rateLimits?: RateLimitOptions | false;
  /** Follow inspection's stream for discipline decisions; absent ⇒ not followed. */
  inspection?: InspectionFollowOptions;
  /** Follow membership's stream for member deaths and removals; absent ⇒ not followed. */
  membership?: MembershipFollowOptions;
  /** Close the database on stop (default true). */
  closeDatabase?: boolean;
  onClose?: () => Promise<void>;
}

export interface PersonnelService extends Service {
  /** The follower of inspection's decisions, once started (null without `inspection`). */
  follower(): InspectionFollower | null;
  /** The follower of membership's member events, once started (null without `membership`). */
  membershipFollower(): Follower | null;
}

export function createPersonnelService(opts: PersonnelServiceOptions): PersonnelService {
  const now = opts.now ?? (() => new Date());
  const { prisma, notifier } = opts.db;
  let follower: InspectionFollower | null = null;
  let membershipFollower: Follower | null = null;
  const service = createService({
    name: "personnel",
    router: appRouter,
    verifier: opts.verifier,
    port: opts.port,
    host: opts.host,
    logger: opts.logger,
    corsOrigins: opts.corsOrigins,
    bodyLimitBytes: opts.bodyLimitBytes ?? 1024 * 1024,
    ...(opts.rateLimits !== undefined ? { rateLimits: opts.rateLimits } : {}),
    readiness: () => opts.db.readiness(),
    createContext: (base): PersonnelContext => ({ ...base, db: prisma, now, consult: opts.consult, notifier }),
    onClose: async () => {
      await opts.onClose?.();
      await follower?.stop();
      await membershipFollower?.stop();
      if (opts.closeDatabase !== false) await opts.db.close();
    },
  });
  return {
    ...service,
    async start(startOpts) {
      const address = await service.start(startOpts);
      if (opts.inspection) follower = await followInspection({ ...opts.inspection, db: prisma, logger: service.logger });
      if (opts.membership) membershipFollower = await followMembership({ ...opts.membership, db: prisma, logger: service.logger });
      return address;
    },
    async stop() {
      // First: no event starts being applied once stopping began (the batch in progress finishes).
      await follower?.stop();
      await membershipFollower?.stop();
      await service.stop();
    },
    follower: () => follower,
    membershipFollower: () => membershipFollower,
  };
}
