// The membership service's configuration (docs/configuration.md): the shared server variables plus
// MEMBERSHIP_*; checked at start, every problem named at once.
import { auditAnchorConfigShape, baseServiceConfigSchema, bilingual, flag, httpUrl, loadConfig, nonEmpty, port, wholeNumber } from "@orgboard/server-kit";
import { z } from "zod";
import type { StepName } from "./router/restructuring/step.js";
import { DEFAULT_EXPORT_MAX_ROWS, DEFAULT_IMPORT_MAX_BYTES } from "./server.js";

/** A service's base URL (`<SERVICE>_URL`): no path beyond the base, no `/trpc` (the app appends it). */
const serviceBaseUrl = () =>
  httpUrl()
    .refine((u) => !/\/trpc\/?$/.test(u), {
      error: bilingual("ghi URL gốc của dịch vụ, không có /trpc (membership tự thêm)", "give the service's base URL without /trpc (membership appends it)"),
    })
    .transform((u) => u.replace(/\/+$/, ""));

const CRASH_STEPS = ["mark", "createOrgs", "reparent", "closeOrgs", "reopenOrgs", "restoreOrgs"] as const satisfies readonly StepName[];

export const membershipConfigSchema = baseServiceConfigSchema
  .extend({
    PORT: port().default(4001),
    OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("membership"),
    /** inspection's base URL: its discipline decisions are applied here. Unset ⇒ not followed. */
    INSPECTION_URL: serviceBaseUrl().optional(),
    /** Membership's own client, for the service token that reads inspection's stream. */
    OIDC_CLIENT_ID: nonEmpty().default("membership"),
    OIDC_CLIENT_SECRET: nonEmpty().optional(),
    /** Defaults to Keycloak's token endpoint under OIDC_ISSUER. */
    OIDC_TOKEN_URL: httpUrl().optional(),
    MEMBERSHIP_IMPORT_MAX_BYTES: wholeNumber(1024, 48 * 1024 * 1024).default(DEFAULT_IMPORT_MAX_BYTES),
    MEMBERSHIP_EXPORT_MAX_ROWS: wholeNumber(1, 2_000_000).default(DEFAULT_EXPORT_MAX_ROWS),
    MEMBERSHIP_MIGRATE_ON_START: flag().default(true),
    ...auditAnchorConfigShape,
    MEMBERSHIP_DECISION_BATCH_SIZE: wholeNumber(1, 1000).default(200),
    /** Tests only: the process kills itself (SIGKILL) once this many of inspection's decisions are committed. */
    MEMBERSHIP_CRASH_AFTER_DECISIONS: wholeNumber(1, 1_000_000).optional(),
    /** Tests only: the process kills itself (SIGKILL) inside this restructuring step's transaction, before its commit. */
    MEMBERSHIP_CRASH_BEFORE_COMMIT: z.enum(CRASH_STEPS, { error: bilingual(`phải là một bước: ${CRASH_STEPS.join(", ")}`, `must be a step: ${CRASH_STEPS.join(", ")}`) }).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.INSPECTION_URL && !c.OIDC_CLIENT_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_CLIENT_SECRET"],
        message: bilingual("bắt buộc khi đặt INSPECTION_URL (đăng nhập client-credentials)", "is required when INSPECTION_URL is set (client-credentials login)"),
      });
    }
  });
export type MembershipConfig = ReturnType<typeof membershipConfigSchema.parse>;

/** Keycloak's token endpoint under the issuer, unless OIDC_TOKEN_URL says otherwise. */
export function tokenUrlOf(config: Pick<MembershipConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL">): string {
  return config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`;
}

/** Names from before docs/configuration.md's convention: set, they stop the start naming the new one. */
export const membershipRenamed = { MEMBERSHIP_DATA_DIR: "DATA_DIR" } as const;

export function loadMembershipConfig(env: Record<string, string | undefined> = process.env): MembershipConfig {
  return loadConfig(membershipConfigSchema, env, { app: "membership", renamed: membershipRenamed });
}
