// Starts the personnel service from the environment (docs/configuration.md). A missing, malformed or
// renamed variable stops the process (exit 78) naming each.
import { clientCredentials, createTokenVerifier } from "@orgboard/auth";
import { defaultDataDir } from "@orgboard/db";
import { defaultAnchorDir, startServiceAnchoring } from "@orgboard/events";
import { createLogger, rateLimitsFromConfig } from "@orgboard/server-kit";
import { serviceConsultations } from "./app/consultations.js";
import { loadPersonnelConfig, tokenUrlOf } from "./config.js";
import { openDatabase } from "./db.js";
import { createPersonnelService } from "./server.js";

const config = loadPersonnelConfig();

const db = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}) });
const token = clientCredentials({ tokenUrl: tokenUrlOf(config), clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET });
const logger = createLogger({ name: "personnel", level: config.LOG_LEVEL });
// The audit chain's head, signed, outside the database (docs/security.md "Audit trail").
const anchoring = startServiceAnchoring({
  service: "personnel",
  handle: db.prisma,
  dir: config.AUDIT_ANCHOR_DIR ?? defaultAnchorDir({ dataDir: config.DATABASE_URL ? null : (config.DATA_DIR ?? defaultDataDir("personnel")), databaseUrl: config.DATABASE_URL }),
  intervalSeconds: config.AUDIT_ANCHOR_INTERVAL_SECONDS,
  keyPem: config.AUDIT_ANCHOR_KEY ?? null,
  logger,
});
const service = createPersonnelService({
  db,
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  consult: serviceConsultations({ membershipUrl: config.MEMBERSHIP_URL, inspectionUrl: config.INSPECTION_URL, token }),
  // inspection.discipline.effective → bars, pool removals, ended posts.
  inspection: { url: config.INSPECTION_URL, getToken: token },
  membership: { url: config.MEMBERSHIP_URL, getToken: token },
  port: config.PORT,
  host: config.HOST,
  logger,
  corsOrigins: config.CORS_ORIGINS,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  rateLimits: rateLimitsFromConfig(config),
  onClose: () => anchoring.stop(),
});
await service.start();
