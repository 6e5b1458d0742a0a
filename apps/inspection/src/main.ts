// Starts the inspection service from the environment (every variable: docs/configuration.md; running:
// docs/inspection.md). A missing, malformed or renamed variable stops the process (exit 78) naming each.
import { clientCredentials, createTokenVerifier } from "@orgboard/auth";
import { createLogger, rateLimitsFromConfig } from "@orgboard/server-kit";
import { membershipDirectory } from "./app/subjects.js";
import { loadInspectionConfig, tokenUrlOf } from "./config.js";
import { openDatabase } from "./db.js";
import { createInspectionService } from "./server.js";

const config = loadInspectionConfig();

// DATA_DIR unset: packages/db's default, <repo>/.data/inspection.
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}) });
const token = clientCredentials({ tokenUrl: tokenUrlOf(config), clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET });
const service = createInspectionService({
  db,
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  subjects: membershipDirectory({ baseUrl: config.MEMBERSHIP_URL, token }),
  // membership.decision.applied / .refused → the decisions' effect status.
  membershipEffects: { url: config.MEMBERSHIP_URL, getToken: token },
  port: config.PORT,
  host: config.HOST,
  logger: createLogger({ name: "inspection", level: config.LOG_LEVEL }),
  corsOrigins: config.CORS_ORIGINS,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  rateLimits: rateLimitsFromConfig(config),
});
await service.start();
