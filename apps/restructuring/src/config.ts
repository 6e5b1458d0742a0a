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
    /** The services whose `restructuring.rekey` the saga calls after membership's moves. Unset: that step is not in the run (runs.get: notWired). */
    INSPECTION_URL: httpUrl().optional(),
    PERSONNEL_URL: httpUrl().optional(),
    CONFERENCE_URL: httpUrl().optional(),
    /** Identity's unit-moves endpoint (officials' org_paths), last step; unset: `<OIDC_ISSUER>/orgboard/unit-moves` when IDENTITY_UNIT_MOVES=builtin. */
    IDENTITY_UNIT_MOVES_URL: httpUrl().optional(),
    /** `builtin` (derive the endpoint from the issuer: the built-in provider) or `off` (no identity step, e.g. Keycloak until its mover is wired). */
    IDENTITY_UNIT_MOVES: z.enum(["builtin", "off"]).default("off"),
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
  .refine((c) => !c.MEMBERSHIP_URL || c.OIDC_CLIENT_SECRET, { message: "OIDC_CLIENT_SECRET is required with MEMBERSHIP_URL", path: ["OIDC_CLIENT_SECRET"] })
  .refine((c) => !(c.INSPECTION_URL || c.PERSONNEL_URL || c.CONFERENCE_URL || c.IDENTITY_UNIT_MOVES_URL) || c.MEMBERSHIP_URL, {
    message: "MEMBERSHIP_URL is required with INSPECTION_URL / PERSONNEL_URL / CONFERENCE_URL / IDENTITY_UNIT_MOVES_URL (their steps follow membership's moves)",
    path: ["MEMBERSHIP_URL"],
  });
export type RestructuringConfig = ReturnType<typeof restructuringConfigSchema.parse>;

export function loadRestructuringConfig(env: Record<string, string | undefined> = process.env): RestructuringConfig {
  return loadConfig(restructuringConfigSchema, env, { app: "restructuring", renamed: {}, secrets: [] });
}

/** Identity's unit-moves endpoint: IDENTITY_UNIT_MOVES_URL, else the built-in provider's under the issuer (IDENTITY_UNIT_MOVES=builtin), else none. */
export function unitMovesUrlOfConfig(config: Pick<RestructuringConfig, "OIDC_ISSUER" | "IDENTITY_UNIT_MOVES_URL" | "IDENTITY_UNIT_MOVES">): string | null {
  if (config.IDENTITY_UNIT_MOVES_URL) return config.IDENTITY_UNIT_MOVES_URL;
  return config.IDENTITY_UNIT_MOVES === "builtin" ? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/orgboard/unit-moves` : null;
}

/** The token endpoint: OIDC_TOKEN_URL, else Keycloak's under the issuer. */
export function tokenUrlOf(config: Pick<RestructuringConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL">): string {
  return config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`;
}
