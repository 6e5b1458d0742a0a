// The restructuring service: tRPC on Hono (server-kit). main.ts wires it to configuration; tests start it
// directly with the organization tree they need.
import type { TokenVerifier } from "@orgboard/auth";
import { createService, type Logger, type RateLimitOptions, type Service } from "@orgboard/server-kit";
import { planLocker } from "./app/plan-lock.js";
import type { CrashPoint } from "./app/saga.js";
import { CONSERVATION_SERVICES, sagaSteps, type ConservationClient, type IdentityCensus, type MembershipSteps, type SagaStep } from "./app/steps.js";
import { cachedTree, type TreeSource } from "./app/tree.js";
import type { PostsSource } from "./app/posts.js";
import { WIRABLE_STEPS } from "./app/rekeys.js";
import type { RestructuringContext } from "./context.js";
import type { Database } from "./db.js";
import { appRouter } from "./router/index.js";

export interface RestructuringServiceOptions {
  db: Database;
  verifier: TokenVerifier;
  /** The organization tree previews run on (membership's, read with the service token, when that is built). */
  tree: TreeSource;
  /** How long plans.get / preview and runs.get reuse a tree read (ms; default 5,000; 0: only concurrent callers share a load; null: no sharing at all, each read loads — the bench's baseline). */
  treeCacheMs?: number | null;
  /** Membership's saga procedures (membershipLink in main.ts); without them a run cannot start. */
  membership?: MembershipSteps;
  /** Other services' scope-key rewrites (rekeyStep), run after membership's moves. */
  rekeys?: readonly SagaStep[];
  /** Personnel's real committee posts for the preview's surplus (main.ts: with PERSONNEL_URL); absent: DEFAULT_POSTS. */
  posts?: PostsSource;
  /** Other services' conservation reads (wiredConservation), for the verify step and runs.verify. */
  conservation?: readonly ConservationClient[];
  /** Identity's census (the identity step's mover, main.ts): verify counts officials on closed paths; absent: not checked. */
  identity?: IdentityCensus;
  /** Tests: called at each step's pending / called / done points (main.ts: RESTRUCTURING_CRASH_AFTER). */
  crashPoint?: CrashPoint;
  /**
   * Provinces runs.resume runs at once (RESTRUCTURING_PROVINCE_CONCURRENCY). Default 2 on PostgreSQL; always 1
   * on the embedded PGlite (one connection: a second province's transactions would only queue behind the first's).
   */
  provinceConcurrency?: number;
  port?: number;
  host?: string;
  logger?: Logger;
  corsOrigins?: string[];
  now?: () => Date;
  bodyLimitBytes?: number;
  rateLimits?: RateLimitOptions | false;
  /** Close the database on stop (default true). */
  closeDatabase?: boolean;
  /** Runs on stop after the requests drained, before the database is closed (the last audit anchor). */
  onClose?: () => Promise<void>;
}

/** The provinces runs.resume runs at once on this database (see RestructuringServiceOptions.provinceConcurrency). */
export function provinceConcurrency(db: Pick<Database, "shared">, configured?: number): number {
  return db.shared.native.kind === "pglite" ? 1 : (configured ?? 2);
}

export function createRestructuringService(opts: RestructuringServiceOptions): Service {
  const now = opts.now ?? (() => new Date());
  const { prisma, notifier } = opts.db;
  const conservation = opts.conservation ?? [];
  // Provincial reads must not load membership's whole tree each time (docs/restructuring.md, "Provincial reads").
  const readTree = opts.treeCacheMs === null ? opts.tree : cachedTree(opts.tree, opts.treeCacheMs ?? 5_000);
  // Usernames of officials left on closed paths go to this log (the central operators'), never into an answer.
  const log = (message: string, fields: Record<string, unknown>) => opts.logger?.warn(fields, message);
  const steps = opts.membership ? sagaSteps(opts.membership, opts.rekeys, conservation, opts.identity, log) : [];
  const saga = {
    steps,
    // What a run leaves out because its URL is unset: runs.get says so (never a silent "done").
    notWired: WIRABLE_STEPS.filter((n) => !steps.some((s) => s.name === n)),
    conservation,
    // Services whose records verify cannot count (no URL): named as not checked, never a silent "ok".
    notChecked: CONSERVATION_SERVICES.filter((s) => !conservation.some((c) => c.service === s)),
    ...(opts.identity ? { identity: opts.identity } : {}),
    ...(opts.membership ? { membership: opts.membership } : {}),
    ...(opts.crashPoint ? { crashPoint: opts.crashPoint } : {}),
    // One runner per plan, across instances sharing the database.
    lockPlan: planLocker(opts.db.shared.native),
    concurrency: provinceConcurrency(opts.db, opts.provinceConcurrency),
    singleConnection: opts.db.shared.native.kind === "pglite",
  };
  return createService({
    name: "restructuring",
    router: appRouter,
    verifier: opts.verifier,
    port: opts.port,
    host: opts.host,
    logger: opts.logger,
    corsOrigins: opts.corsOrigins,
    bodyLimitBytes: opts.bodyLimitBytes ?? 1024 * 1024,
    ...(opts.rateLimits !== undefined ? { rateLimits: opts.rateLimits } : {}),
    readiness: () => opts.db.readiness(),
    createContext: (base): RestructuringContext => ({ ...base, db: prisma, now, tree: opts.tree, readTree, notifier, saga, ...(opts.posts ? { posts: opts.posts } : {}) }),
    onClose: async () => {
      await opts.onClose?.();
      if (opts.closeDatabase !== false) await opts.db.close();
    },
  });
}
