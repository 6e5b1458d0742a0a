// The restructuring service's configuration (docs/configuration.md): the shared server variables, membership's
// URL and the service's own client-credentials login (the tree and the saga's steps), and the test-only
// crash point of the saga.
import { auditAnchorConfigShape, baseServiceConfigSchema, httpUrl, loadConfig, nonEmpty, port, wholeNumber } from "@orgboard/server-kit";
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
    /**
     * `builtin` (derive the endpoint from the issuer: the built-in provider), `keycloak` (Keycloak's admin REST
     * API with the service's own token, which the realm grants view-users / manage-users) or `off` (no identity step).
     */
    IDENTITY_UNIT_MOVES: z.enum(["builtin", "keycloak", "off"]).default("off"),
    /** With `keycloak`: Keycloak's base URL for its admin API (in the cluster, not the ingress); unset: the one of OIDC_TOKEN_URL, else of OIDC_ISSUER. */
    IDENTITY_KEYCLOAK_ADMIN_URL: httpUrl().optional(),
    OIDC_CLIENT_ID: nonEmpty().default("restructuring"),
    /** A secret: no default anywhere (docs/configuration.md); required with MEMBERSHIP_URL. */
    OIDC_CLIENT_SECRET: nonEmpty().optional(),
    OIDC_TOKEN_URL: httpUrl().optional(),
    /**
     * New provinces runs.resume runs at once (each keeps one membership database backend busy in its reparent).
     * Unset: 2 on PostgreSQL; always 1 on the embedded PGlite (a single connection).
     */
    RESTRUCTURING_PROVINCE_CONCURRENCY: wholeNumber(1, 16).optional(),
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
  .refine((c) => !(c.INSPECTION_URL || c.PERSONNEL_URL || c.CONFERENCE_URL || c.IDENTITY_UNIT_MOVES_URL || c.IDENTITY_UNIT_MOVES === "keycloak") || c.MEMBERSHIP_URL, {
    message: "MEMBERSHIP_URL is required with INSPECTION_URL / PERSONNEL_URL / CONFERENCE_URL / IDENTITY_UNIT_MOVES_URL / IDENTITY_UNIT_MOVES=keycloak (their steps follow membership's moves)",
    path: ["MEMBERSHIP_URL"],
  })
  .refine((c) => c.IDENTITY_UNIT_MOVES !== "keycloak" || keycloakRealmOf(c.OIDC_ISSUER) !== null, {
    message: "IDENTITY_UNIT_MOVES=keycloak needs a Keycloak issuer (OIDC_ISSUER = <base>/realms/<realm>)",
    path: ["IDENTITY_UNIT_MOVES"],
  });
export type RestructuringConfig = ReturnType<typeof restructuringConfigSchema.parse>;

export function loadRestructuringConfig(env: Record<string, string | undefined> = process.env): RestructuringConfig {
  return loadConfig(restructuringConfigSchema, env, { app: "restructuring", renamed: {}, secrets: [] });
}

/** The built-in provider's unit-moves endpoint: IDENTITY_UNIT_MOVES_URL, else the one under the issuer (IDENTITY_UNIT_MOVES=builtin), else none (`off`, or `keycloak`: see identityTargetOfConfig). */
export function unitMovesUrlOfConfig(config: Pick<RestructuringConfig, "OIDC_ISSUER" | "IDENTITY_UNIT_MOVES_URL" | "IDENTITY_UNIT_MOVES">): string | null {
  if (config.IDENTITY_UNIT_MOVES === "keycloak") return null;
  if (config.IDENTITY_UNIT_MOVES_URL) return config.IDENTITY_UNIT_MOVES_URL;
  return config.IDENTITY_UNIT_MOVES === "builtin" ? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/orgboard/unit-moves` : null;
}

export type IdentityTarget = { kind: "builtin"; url: string } | { kind: "keycloak"; baseUrl: string; realm: string };

const KEYCLOAK_REALM_URL = /^(https?:\/\/.+?)\/realms\/([^/]+)(\/.*)?$/;

/** `<base>/realms/<realm>[/…]` → its realm name and Keycloak's base URL; anything else → null. */
function keycloakRealmOf(url: string): { baseUrl: string; realm: string } | null {
  const m = KEYCLOAK_REALM_URL.exec(url.replace(/\/+$/, ""));
  return m ? { baseUrl: m[1]!, realm: decodeURIComponent(m[2]!) } : null;
}

/**
 * Where the identity step moves officials' unit attributes (docs/restructuring.md "Identity"): the built-in
 * provider's endpoint, Keycloak's admin API (the realm the tokens are issued in — restructuring's service
 * account lives there — reached at IDENTITY_KEYCLOAK_ADMIN_URL, else where the tokens are fetched), or nowhere.
 */
export function identityTargetOfConfig(
  config: Pick<RestructuringConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL" | "IDENTITY_UNIT_MOVES_URL" | "IDENTITY_UNIT_MOVES" | "IDENTITY_KEYCLOAK_ADMIN_URL">,
): IdentityTarget | null {
  if (config.IDENTITY_UNIT_MOVES === "keycloak") {
    const issuer = keycloakRealmOf(config.OIDC_ISSUER);
    if (!issuer) return null;
    const baseUrl = config.IDENTITY_KEYCLOAK_ADMIN_URL?.replace(/\/+$/, "") ?? (config.OIDC_TOKEN_URL ? keycloakRealmOf(config.OIDC_TOKEN_URL)?.baseUrl : undefined) ?? issuer.baseUrl;
    return { kind: "keycloak", baseUrl, realm: issuer.realm };
  }
  const url = unitMovesUrlOfConfig(config);
  return url ? { kind: "builtin", url } : null;
}

/** The token endpoint: OIDC_TOKEN_URL, else Keycloak's under the issuer. */
export function tokenUrlOf(config: Pick<RestructuringConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL">): string {
  return config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`;
}
