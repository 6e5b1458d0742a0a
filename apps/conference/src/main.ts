// Starts the conference service from the environment (every variable: docs/configuration.md; running:
// docs/conference.md). A missing, malformed or renamed variable stops the process (exit 78) naming each.
import { createTokenVerifier } from "@orgboard/auth";
import { defaultDataDir } from "@orgboard/db";
import { defaultAnchorDir, startServiceAnchoring } from "@orgboard/events";
import { createLogger, rateLimitsFromConfig } from "@orgboard/server-kit";
import { loadConferenceConfig } from "./config.js";
import { openDatabase } from "./db.js";
import { createConferenceService } from "./server.js";

const config = loadConferenceConfig();

// DATA_DIR unset: packages/db's default, <repo>/.data/conference.
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}) });
const logger = createLogger({ name: "conference", level: config.LOG_LEVEL });
// The audit chain's head, signed, outside the database (docs/security.md "Audit trail").
const anchoring = startServiceAnchoring({
  service: "conference",
  handle: db.prisma,
  dir: config.AUDIT_ANCHOR_DIR ?? defaultAnchorDir({ dataDir: config.DATABASE_URL ? null : (config.DATA_DIR ?? defaultDataDir("conference")), databaseUrl: config.DATABASE_URL }),
  intervalSeconds: config.AUDIT_ANCHOR_INTERVAL_SECONDS,
  keyPem: config.AUDIT_ANCHOR_KEY ?? null,
  logger,
});
const service = createConferenceService({
  db,
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  port: config.PORT,
  host: config.HOST,
  logger,
  corsOrigins: config.CORS_ORIGINS,
  rateLimits: rateLimitsFromConfig(config),
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  bridgeWebhookSecret: config.CONFERENCE_BRIDGE_WEBHOOK_SECRET,
  sweepIntervalMs: config.CONFERENCE_SWEEP_INTERVAL_MS,
  links: {
    ...(config.CONFERENCE_LINK_DEGRADED_AFTER_MS ? { degradedAfterMs: config.CONFERENCE_LINK_DEGRADED_AFTER_MS } : {}),
    ...(config.CONFERENCE_LINK_DISCONNECTED_AFTER_MS ? { disconnectedAfterMs: config.CONFERENCE_LINK_DISCONNECTED_AFTER_MS } : {}),
  },
  // A last anchor before the database closes: a clean stop leaves the tail covered.
  onClose: () => anchoring.stop(),
});
await service.start();
