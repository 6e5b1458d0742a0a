// Starts the restructuring service from the environment (docs/configuration.md; docs/restructuring.md).
// Not yet in `npm start` or infra/: the tree comes from membership once that reader is built; until then
// previews run on an empty tree (every plan previews to nothing), said in the log.
import { createTokenVerifier } from "@orgboard/auth";
import { defaultDataDir } from "@orgboard/db";
import { defaultAnchorDir, startServiceAnchoring } from "@orgboard/events";
import { createLogger, rateLimitsFromConfig } from "@orgboard/server-kit";
import { staticTree } from "./app/tree.js";
import { loadRestructuringConfig } from "./config.js";
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
logger.warn("chưa đọc cây tổ chức từ membership: xem trước chạy trên cây rỗng / the organization tree is not read from membership yet: previews run on an empty tree");
const service = createRestructuringService({
  db,
  tree: staticTree([]),
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
