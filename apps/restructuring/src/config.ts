// The restructuring service's configuration (docs/configuration.md): the shared server variables, membership's
// URL and the service's own client-credentials login (the tree and the saga's steps), and the test-only
// crash point of the saga.
import { auditAnchorConfigShape, baseServiceConfigSchema, httpUrl, loadConfig, nonEmpty, port } from "@orgboard/server-kit";
import { z } from "zod";

export const restructuringConfigSchema = baseServiceConfigSchema
  .extend({
    PORT: port().default(4008),
    OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("restructuring"),
    /** Membership's base URL: the organization tree and the saga's steps. Unset: previews on an empty tree, no runs. */
    MEMBERSHIP_URL: httpUrl().optional(),
    OIDC_CLIENT_ID: nonEmpty().default("restructuring"),
    /** A secret: no default anywhere (docs/configuration.md); required with MEMBERSHIP_URL. */
    OIDC_CLIENT_SECRET: nonEmpty().optional(),
    OIDC_TOKEN_URL: httpUrl().optional(),
    /**
     * Tests only: `<step>:<phase>` (phase pending | called | done), e.g. `membership.reparent:called`: the
     * process kills itself (SIGKILL) at that point of the first province that reaches it.
     */
    RESTRUCTURING_CRASH_AFTER: z
      .string()
      .regex(/^[a-zA-Z.]+:(pending|called|done)$/, { message: "must be <step>:<pending|called|done>" })
      .optional(),
    ...auditAnchorConfigShape,
  })
  .refine((c) => !c.MEMBERSHIP_URL || c.OIDC_CLIENT_SECRET, { message: "OIDC_CLIENT_SECRET is required with MEMBERSHIP_URL", path: ["OIDC_CLIENT_SECRET"] });
export type RestructuringConfig = ReturnType<typeof restructuringConfigSchema.parse>;

export function loadRestructuringConfig(env: Record<string, string | undefined> = process.env): RestructuringConfig {
  return loadConfig(restructuringConfigSchema, env, { app: "restructuring", renamed: {}, secrets: [] });
}

/** The token endpoint: OIDC_TOKEN_URL, else Keycloak's under the issuer. */
export function tokenUrlOf(config: Pick<RestructuringConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL">): string {
  return config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`;
}
