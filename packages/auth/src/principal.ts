import { isRole, minimizeOrgPaths, ROOT_ORG_PATH, type Role } from "@orgboard/contracts";

export { isRole, ROLES, type Role } from "@orgboard/contracts";

/** Who is calling, as every procedure sees it (ADR 0001). */
export interface Principal {
  subject: string;
  kind: "user" | "service";
  name?: string;
  username?: string;
  roles: Role[];
  /** The subtrees this principal may act on, minimal (no path inside another), sorted. */
  orgPaths: string[];
  /** `azp`: the client the token was issued to (for service accounts, the calling service). */
  clientId?: string;
}

/** The claims of a Keycloak-shaped access token that we read. */
export interface AccessTokenClaims {
  sub?: unknown;
  azp?: unknown;
  name?: unknown;
  preferred_username?: unknown;
  realm_access?: unknown;
  org_paths?: unknown;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/**
 * Claims → Principal. Unknown roles (Keycloak adds `offline_access`, `default-roles-*`) and malformed
 * org paths are dropped rather than trusted. `central_board` acts nationally, so it gets `/`.
 * Returns null when there is no subject.
 */
export function principalFromClaims(claims: AccessTokenClaims): Principal | null {
  const subject = str(claims.sub);
  if (!subject) return null;
  const realmAccess = claims.realm_access;
  const rawRoles =
    realmAccess && typeof realmAccess === "object" && Array.isArray((realmAccess as { roles?: unknown }).roles)
      ? ((realmAccess as { roles: unknown[] }).roles)
      : [];
  const roles = [...new Set(rawRoles.filter(isRole))].sort();
  const rawPaths = Array.isArray(claims.org_paths) ? claims.org_paths.filter((p): p is string => typeof p === "string") : [];
  const orgPaths = roles.includes("central_board") ? [ROOT_ORG_PATH] : minimizeOrgPaths(rawPaths);
  const principal: Principal = {
    subject,
    kind: roles.includes("service") ? "service" : "user",
    roles,
    orgPaths,
  };
  const name = str(claims.name);
  const username = str(claims.preferred_username);
  const clientId = str(claims.azp);
  if (name) principal.name = name;
  if (username) principal.username = username;
  if (clientId) principal.clientId = clientId;
  return principal;
}
