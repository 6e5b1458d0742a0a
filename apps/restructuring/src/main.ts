// Starts the restructuring service from the environment (docs/configuration.md; docs/restructuring.md).
// With MEMBERSHIP_URL the tree comes from membership's contract and runs execute there, with the service's
// client-credentials token; without it previews run on an empty tree and runs cannot start (said in the log).
import { clientCredentials, createTokenVerifier } from "@orgboard/auth";
import { defaultDataDir } from "@orgboard/db";
import { defaultAnchorDir, startServiceAnchoring } from "@orgboard/events";
import { createLogger, rateLimitsFromConfig } from "@orgboard/server-kit";
import { membershipLink } from "./app/membership.js";
import { personnelPosts } from "./app/posts.js";
import { identityMover, wiredConservation, wiredSteps, WIRABLE_STEPS } from "./app/rekeys.js";
import type { CrashPoint } from "./app/saga.js";
import { staticTree } from "./app/tree.js";
import { identityTargetOfConfig, loadRestructuringConfig, tokenUrlOf, unitMovesUrlOfConfig } from "./config.js";
import { openDatabase } from "./db.js";
import { createRestructuringService } from "./server.js";

const config = loadRestructuringConfig();
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}) });
const logger = createLogger({ name: "restructuring", level: config.LOG_LEVEL });
// The audit chain's head, signed, outside the database (docs/security.md "Audit trail").
const anchoring = startServiceAnchoring({
  service: "restructuring",
  handle: db.prisma,
  dir: config.AUDIT_ANCHOR_DIR ?? defaultAnchorDir({ dataDir: config.DATABASE_URL ? null : (config.DATA_DIR ?? defaultDataDir("restructuring")), databaseUrl: config.DATABASE_URL }),
  intervalSeconds: config.AUDIT_ANCHOR_INTERVAL_SECONDS,
  keyPem: config.AUDIT_ANCHOR_KEY ?? null,
  logger,
});
const getToken = config.MEMBERSHIP_URL ? clientCredentials({ tokenUrl: tokenUrlOf(config), clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET! }) : null;
const membership = config.MEMBERSHIP_URL && getToken ? membershipLink({ url: config.MEMBERSHIP_URL, getToken }) : null;
// The other services' rekeys and identity's unit moves, one per configured URL, with the same token.
const serviceUrls = { ...(config.INSPECTION_URL ? { inspection: config.INSPECTION_URL } : {}), ...(config.PERSONNEL_URL ? { personnel: config.PERSONNEL_URL } : {}), ...(config.CONFERENCE_URL ? { conference: config.CONFERENCE_URL } : {}) };
// Keycloak's admin API (IDENTITY_UNIT_MOVES=keycloak) or the built-in endpoint; the token is the service's own.
// The same mover's census is what verify counts officials with.
const unitMover = getToken ? identityMover(identityTargetOfConfig(config), getToken) : null;
const rekeys = getToken
  ? wiredSteps({
      urls: serviceUrls,
      unitMovesUrl: unitMovesUrlOfConfig(config),
      identity: unitMover,
      getToken,
    })
  : [];
// The preview's surplus from personnel's real posts (else DEFAULT_POSTS, and the preview says so).
const posts = getToken && config.PERSONNEL_URL ? personnelPosts({ url: config.PERSONNEL_URL, getToken }) : null;
const notWired = WIRABLE_STEPS.filter((n) => !rekeys.some((s) => s.name === n));
if (membership && notWired.length > 0) logger.warn({ notWired }, "một số bước không có trong đề án chạy (URL chưa đặt) / some steps are not in runs (URL unset)");
if (!membership) logger.warn("MEMBERSHIP_URL chưa đặt: xem trước chạy trên cây rỗng, không thể chạy đề án / MEMBERSHIP_URL unset: previews run on an empty tree and no run can start");

// Crash injection for the saga's tests: kill -9 ourselves at the named point (no shutdown, no flush).
let crashPoint: CrashPoint | undefined;
if (config.RESTRUCTURING_CRASH_AFTER) {
  const [step, phase] = config.RESTRUCTURING_CRASH_AFTER.split(":");
  logger.warn({ step, phase }, "RESTRUCTURING_CRASH_AFTER: tiến trình sẽ tự dừng (kill -9) / the process will kill itself (kill -9)");
  crashPoint = (s, p) => {
    if (s === step && p === phase) {
      process.stderr.write(`restructuring: crash injected after ${s}:${p}\n`);
      process.kill(process.pid, "SIGKILL");
    }
  };
}

if ((config.RESTRUCTURING_PROVINCE_CONCURRENCY ?? 1) > 1 && db.shared.native.kind === "pglite") {
  logger.warn("RESTRUCTURING_PROVINCE_CONCURRENCY bị bỏ qua: PGlite chỉ có một kết nối, các tỉnh chạy lần lượt / ignored: PGlite has one connection, provinces run one at a time");
}

const service = createRestructuringService({
  db,
  tree: membership?.tree ?? staticTree([]),
  ...(membership ? { membership: membership.steps } : {}),
  rekeys,
  ...(posts ? { posts } : {}),
  // Their conservation reads, at the same URLs (verify: cases, cadres and posts, sites).
  conservation: getToken ? wiredConservation({ urls: serviceUrls, getToken }) : [],
  // Officials on closed paths (identity's census), only when identity's step is in the run.
  ...(unitMover && rekeys.some((s) => s.name === "identity.unitMoves") ? { identity: unitMover } : {}),
  ...(crashPoint ? { crashPoint } : {}),
  ...(config.RESTRUCTURING_PROVINCE_CONCURRENCY !== undefined ? { provinceConcurrency: config.RESTRUCTURING_PROVINCE_CONCURRENCY } : {}),
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  port: config.PORT,
  host: config.HOST,
  logger,
  corsOrigins: config.CORS_ORIGINS,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  rateLimits: rateLimitsFromConfig(config),
  onClose: () => anchoring.stop(),
});
await service.start();
