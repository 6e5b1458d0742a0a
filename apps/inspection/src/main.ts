// Starts the inspection service from the environment (every variable: docs/configuration.md; running:
// docs/inspection.md). A missing, malformed or renamed variable stops the process (exit 78) naming each.
import { clientCredentials, createTokenVerifier } from "@orgboard/auth";
import { defaultDataDir } from "@orgboard/db";
import { defaultAnchorDir, startServiceAnchoring } from "@orgboard/events";
import { createLogger, isDevelopment, rateLimitsFromConfig } from "@orgboard/server-kit";
import { membershipDirectory } from "./app/subjects.js";
import { loadInspectionConfig, tokenUrlOf } from "./config.js";
import { resolveDenouncerKeys } from "./crypto/keys.js";
import { openDatabase } from "./db.js";
import { createInspectionService } from "./server.js";

const config = loadInspectionConfig();

// DATA_DIR unset: packages/db's default, <repo>/.data/inspection.
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}) });
const token = clientCredentials({ tokenUrl: tokenUrlOf(config), clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET });
const logger = createLogger({ name: "inspection", level: config.LOG_LEVEL });
// The audit chain's head, signed, outside the database (docs/security.md "Audit trail").
const anchoring = startServiceAnchoring({
  service: "inspection",
  handle: db.prisma,
  dir: config.AUDIT_ANCHOR_DIR ?? defaultAnchorDir({ dataDir: config.DATABASE_URL ? null : (config.DATA_DIR ?? defaultDataDir("inspection")), databaseUrl: config.DATABASE_URL }),
  intervalSeconds: config.AUDIT_ANCHOR_INTERVAL_SECONDS,
  keyPem: config.AUDIT_ANCHOR_KEY ?? null,
  logger,
});
// The variable wins; development mode without it keeps a generated key beside its database.
const denouncerKeys = await resolveDenouncerKeys({
  spec: config.INSPECTION_DENOUNCER_KEYS,
  development: isDevelopment(),
  // Only looked up when needed: a container has no repository to find the default in.
  dataDir: config.DATA_DIR ?? (isDevelopment() && !config.INSPECTION_DENOUNCER_KEYS ? defaultDataDir("inspection") : undefined),
});
const service = createInspectionService({
  db,
  denouncerKeys,
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  subjects: membershipDirectory({ baseUrl: config.MEMBERSHIP_URL, token }),
  // membership.decision.applied / .refused → the decisions' effect status.
  membershipEffects: { url: config.MEMBERSHIP_URL, getToken: token },
  port: config.PORT,
  host: config.HOST,
  logger,
  corsOrigins: config.CORS_ORIGINS,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  rateLimits: rateLimitsFromConfig(config),
  // A last anchor before the database closes: a clean stop leaves the tail covered.
  onClose: () => anchoring.stop(),
});
await service.start();
