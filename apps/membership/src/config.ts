// The membership service's configuration (docs/configuration.md): the shared server variables plus
// MEMBERSHIP_*; checked at start, every problem named at once.
import { auditAnchorConfigShape, baseServiceConfigSchema, flag, loadConfig, port, wholeNumber } from "@orgboard/server-kit";
import { DEFAULT_EXPORT_MAX_ROWS, DEFAULT_IMPORT_MAX_BYTES } from "./server.js";

export const membershipConfigSchema = baseServiceConfigSchema.extend({
  PORT: port().default(4001),
  OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("membership"),
  MEMBERSHIP_IMPORT_MAX_BYTES: wholeNumber(1024, 48 * 1024 * 1024).default(DEFAULT_IMPORT_MAX_BYTES),
  MEMBERSHIP_EXPORT_MAX_ROWS: wholeNumber(1, 2_000_000).default(DEFAULT_EXPORT_MAX_ROWS),
  MEMBERSHIP_MIGRATE_ON_START: flag().default(true),
  ...auditAnchorConfigShape,
});
export type MembershipConfig = ReturnType<typeof membershipConfigSchema.parse>;

/** Names from before docs/configuration.md's convention: set, they stop the start naming the new one. */
export const membershipRenamed = { MEMBERSHIP_DATA_DIR: "DATA_DIR" } as const;

export function loadMembershipConfig(env: Record<string, string | undefined> = process.env): MembershipConfig {
  return loadConfig(membershipConfigSchema, env, { app: "membership", renamed: membershipRenamed });
}
