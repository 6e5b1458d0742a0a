// Starts the membership service from the environment (every variable: docs/configuration.md).
// Configuration is validated before anything else: a missing, malformed or renamed variable stops the
// process (exit 78) with one message naming each problem.
//   DATABASE_URL                 PostgreSQL; unset ⇒ embedded PGlite in DATA_DIR (default .data/membership)
//   PORT (4001), HOST            where to listen
//   OIDC_ISSUER, OIDC_AUDIENCE (membership), OIDC_JWKS_URL   token verification
//   CORS_ORIGINS                 the dashboard's origins
//   MEMBERSHIP_IMPORT_MAX_BYTES  largest import file (10 MiB); MEMBERSHIP_EXPORT_MAX_ROWS (200,000)
//   MEMBERSHIP_MIGRATE_ON_START  apply pending migrations at start (true)
//   RATE_LIMIT_*                 request rate limits per principal and per address (docs/security.md, "Limits")
//   INSPECTION_URL               follow inspection's stream and apply its discipline decisions (unset ⇒ not)
//   OIDC_CLIENT_ID (membership), OIDC_CLIENT_SECRET, OIDC_TOKEN_URL   the token that reads that stream
//   AUDIT_ANCHOR_DIR, AUDIT_ANCHOR_INTERVAL_SECONDS (300), AUDIT_ANCHOR_KEY   signed anchors of the audit chain
// SIGTERM/SIGINT: readiness fails, in-flight requests finish, streams are cut, the database closes.
import { clientCredentials, createTokenVerifier } from "@orgboard/auth";
import { defaultAnchorDir, openServiceNotifier, startServiceAnchoring } from "@orgboard/events";
import { createLogger, rateLimitsFromConfig } from "@orgboard/server-kit";
import { loadMembershipConfig, tokenUrlOf } from "./config.js";
import { membershipDataDir, openMembershipDatabase } from "./db/open.js";
import { fillMissingNameSortKeys } from "./router/members/sort-keys.js";
import { createMembershipService } from "./server.js";

const config = loadMembershipConfig();

const logger = createLogger({ name: "membership", level: config.LOG_LEVEL });
if (config.MEMBERSHIP_CRASH_BEFORE_COMMIT) {
  logger.warn({ step: config.MEMBERSHIP_CRASH_BEFORE_COMMIT }, "MEMBERSHIP_CRASH_BEFORE_COMMIT: tiến trình sẽ tự dừng (kill -9) trong bước này / the process will kill itself (kill -9) inside this step");
}
const databaseUrl = config.DATABASE_URL || undefined;
// @orgboard/db opens it (and locks an embedded data directory against a second process) and migrates.
const db = await openMembershipDatabase({
  databaseUrl: databaseUrl ?? "",
  dataDir: databaseUrl ? undefined : (config.DATA_DIR ?? membershipDataDir()),
  poolSize: config.DATABASE_POOL_SIZE,
  migrate: config.MEMBERSHIP_MIGRATE_ON_START,
  logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
});
const filled = await fillMissingNameSortKeys(db);
if (filled > 0) logger.info({ members: filled }, "name sort keys filled in");

// Several instances on one PostgreSQL database wake each other's streams through LISTEN/NOTIFY.
const notifier = await openServiceNotifier({ databaseUrl, onError: (err) => logger.warn({ err }, "event notifier: LISTEN connection lost") });

// The audit chain's head, signed, outside the database (docs/security.md "Audit trail").
const anchoring = startServiceAnchoring({
  service: "membership",
  handle: db,
  dir: config.AUDIT_ANCHOR_DIR ?? defaultAnchorDir({ dataDir: databaseUrl ? null : (config.DATA_DIR ?? membershipDataDir()), databaseUrl }),
  intervalSeconds: config.AUDIT_ANCHOR_INTERVAL_SECONDS,
  keyPem: config.AUDIT_ANCHOR_KEY ?? null,
  logger,
});
// Inspection's discipline decisions (expulsions, dissolutions) take effect here when its URL is given.
const inspection = config.INSPECTION_URL
  ? {
      url: config.INSPECTION_URL,
      getToken: clientCredentials({ tokenUrl: tokenUrlOf(config), clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET ?? "" }),
      maxBatchSize: config.MEMBERSHIP_DECISION_BATCH_SIZE,
      onHandled: crashAfterDecisions(config.MEMBERSHIP_CRASH_AFTER_DECISIONS),
    }
  : undefined;
if (!inspection) logger.info("INSPECTION_URL is not set: inspection's discipline decisions are not applied here");

const service = createMembershipService({
  db,
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  port: config.PORT,
  host: config.HOST,
  logger,
  corsOrigins: config.CORS_ORIGINS,
  rateLimits: rateLimitsFromConfig(config),
  importMaxBytes: config.MEMBERSHIP_IMPORT_MAX_BYTES,
  exportMaxRows: config.MEMBERSHIP_EXPORT_MAX_ROWS,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  notifier,
  inspection,
  // A last anchor before the database closes: a clean stop leaves the tail covered.
  onClose: async () => {
    await anchoring.stop();
    await notifier.close();
  },
});
await service.start();

/**
 * Tests only (MEMBERSHIP_CRASH_AFTER_DECISIONS): a kill -9 right after the n-th decision's transaction
 * committed, at a point a test names rather than one a loaded machine's timing picks (the process test of
 * apps/inspection kills membership in the middle of a burst this way).
 */
function crashAfterDecisions(n: number | undefined) {
  if (n === undefined) return undefined;
  logger.warn({ after: n }, "MEMBERSHIP_CRASH_AFTER_DECISIONS: tiến trình sẽ tự dừng (kill -9) / the process will kill itself (kill -9)");
  let applied = 0;
  return (_event: unknown, outcome: string) => {
    if (outcome !== "applied" && outcome !== "refused") return;
    if (++applied >= n) process.kill(process.pid, "SIGKILL");
  };
}
