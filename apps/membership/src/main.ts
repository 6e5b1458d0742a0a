// Starts the membership service from the environment. Configuration is validated before anything
// else: a missing or malformed variable stops the process with one message naming each problem.
//   DATABASE_URL                 PostgreSQL; unset ⇒ embedded PGlite in MEMBERSHIP_DATA_DIR (default .data/membership)
//   PORT (4001), HOST            where to listen
//   OIDC_ISSUER, OIDC_AUDIENCE (membership), OIDC_JWKS_URL   token verification
//   CORS_ORIGINS                 the dashboard's origins
//   MEMBERSHIP_IMPORT_MAX_BYTES  largest import file (10 MiB); MEMBERSHIP_EXPORT_MAX_ROWS (200,000)
//   MEMBERSHIP_MIGRATE_ON_START  apply pending migrations at start (true)
// SIGTERM/SIGINT: readiness fails, in-flight requests finish, streams are cut, the database closes.
import { createTokenVerifier } from "@orgboard/auth";
import { openServiceNotifier } from "@orgboard/events";
import { baseServiceConfigSchema, createLogger, loadConfig } from "@orgboard/server-kit";
import { z } from "zod";
import { membershipDataDir, openMembershipDatabase } from "./db/open.js";
import { fillMissingNameSortKeys } from "./router/members/sort-keys.js";
import { DEFAULT_EXPORT_MAX_ROWS, DEFAULT_IMPORT_MAX_BYTES, createMembershipService } from "./server.js";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const config = loadConfig(
  baseServiceConfigSchema.extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4001),
    OIDC_AUDIENCE: z.string().min(1).default("membership"),
    MEMBERSHIP_DATA_DIR: z.string().min(1).optional(),
    MEMBERSHIP_IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(48 * 1024 * 1024).default(DEFAULT_IMPORT_MAX_BYTES),
    MEMBERSHIP_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(2_000_000).default(DEFAULT_EXPORT_MAX_ROWS),
    MEMBERSHIP_MIGRATE_ON_START: flag.default(true),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  }),
);

const logger = createLogger({ name: "membership", level: config.LOG_LEVEL });
const databaseUrl = config.DATABASE_URL || undefined;
// @orgboard/db opens it (and locks an embedded data directory against a second process) and migrates.
const db = await openMembershipDatabase({
  databaseUrl: databaseUrl ?? "",
  dataDir: databaseUrl ? undefined : (config.MEMBERSHIP_DATA_DIR ?? membershipDataDir()),
  poolSize: config.DATABASE_POOL_SIZE,
  migrate: config.MEMBERSHIP_MIGRATE_ON_START,
  logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
});
const filled = await fillMissingNameSortKeys(db);
if (filled > 0) logger.info({ members: filled }, "name sort keys filled in");

// Several instances on one PostgreSQL database wake each other's streams through LISTEN/NOTIFY.
const notifier = await openServiceNotifier({ databaseUrl, onError: (err) => logger.warn({ err }, "event notifier: LISTEN connection lost") });

const service = createMembershipService({
  db,
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  port: config.PORT,
  host: config.HOST,
  logger,
  corsOrigins: config.CORS_ORIGINS,
  importMaxBytes: config.MEMBERSHIP_IMPORT_MAX_BYTES,
  exportMaxRows: config.MEMBERSHIP_EXPORT_MAX_ROWS,
  notifier,
  onClose: () => notifier.close(),
});
await service.start();
