// Starts the conference service from the environment (see docs/conference.md, "Running").
import { createTokenVerifier } from "@orgboard/auth";
import { baseServiceConfigSchema, loadConfig } from "@orgboard/server-kit";
import { z } from "zod";
import { openDatabase } from "./db.js";
import { createConferenceService } from "./server.js";

const config = loadConfig(
  baseServiceConfigSchema.extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4005),
    OIDC_AUDIENCE: z.string().min(1).default("conference"),
    /** Embedded database directory when DATABASE_URL is unset (default: packages/db's, <repo>/.data/conference). */
    CONFERENCE_DATA_DIR: z.string().min(1).optional(),
    /** Standard Webhooks secret the bridge signs heartbeats with ("whsec_<base64>"). */
    CONFERENCE_BRIDGE_WEBHOOK_SECRET: z.string().startsWith("whsec_", { message: 'must start with "whsec_"' }).optional(),
    CONFERENCE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
    CONFERENCE_LINK_DEGRADED_AFTER_MS: z.coerce.number().int().positive().optional(),
    CONFERENCE_LINK_DISCONNECTED_AFTER_MS: z.coerce.number().int().positive().optional(),
  }),
);

const db = await openDatabase({ databaseUrl: config.DATABASE_URL, ...(config.CONFERENCE_DATA_DIR ? { dataDir: config.CONFERENCE_DATA_DIR } : {}) });
const service = createConferenceService({
  db,
  verifier: createTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
  port: config.PORT,
  host: config.HOST,
  corsOrigins: config.CORS_ORIGINS,
  bridgeWebhookSecret: config.CONFERENCE_BRIDGE_WEBHOOK_SECRET,
  sweepIntervalMs: config.CONFERENCE_SWEEP_INTERVAL_MS,
  links: {
    ...(config.CONFERENCE_LINK_DEGRADED_AFTER_MS ? { degradedAfterMs: config.CONFERENCE_LINK_DEGRADED_AFTER_MS } : {}),
    ...(config.CONFERENCE_LINK_DISCONNECTED_AFTER_MS ? { disconnectedAfterMs: config.CONFERENCE_LINK_DISCONNECTED_AFTER_MS } : {}),
  },
});
await service.start();
