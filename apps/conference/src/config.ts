// The conference service's configuration (docs/configuration.md): the shared server variables plus
// CONFERENCE_*; checked at start, every problem named at once.
import { auditAnchorConfigShape, baseServiceConfigSchema, bilingual, loadConfig, port, wholeNumber } from "@orgboard/server-kit";
import { z } from "zod";

export const conferenceConfigSchema = baseServiceConfigSchema.extend({
  PORT: port().default(4005),
  OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("conference"),
  /** Standard Webhooks secret the bridge signs heartbeats with ("whsec_<base64>"). */
  CONFERENCE_BRIDGE_WEBHOOK_SECRET: z
    .string()
    .startsWith("whsec_", { error: bilingual('phải bắt đầu bằng "whsec_"', 'must start with "whsec_"') })
    .optional(),
  CONFERENCE_SWEEP_INTERVAL_MS: wholeNumber(0).default(2000),
  CONFERENCE_LINK_DEGRADED_AFTER_MS: wholeNumber(1).optional(),
  CONFERENCE_LINK_DISCONNECTED_AFTER_MS: wholeNumber(1).optional(),
  ...auditAnchorConfigShape,
});
export type ConferenceConfig = ReturnType<typeof conferenceConfigSchema.parse>;

/** Names from before docs/configuration.md's convention: set, they stop the start naming the new one. */
export const conferenceRenamed = { CONFERENCE_DATA_DIR: "DATA_DIR" } as const;

export function loadConferenceConfig(env: Record<string, string | undefined> = process.env): ConferenceConfig {
  return loadConfig(conferenceConfigSchema, env, { app: "conference", renamed: conferenceRenamed });
}
