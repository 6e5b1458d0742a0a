import { isRole, minimizeOrgPaths, type Role } from "@orgboard/contracts";

/** The signed-in official, read from the access token's claims (ADR 0001). */
export interface Official {
  subject: string;
  name: string;
  username: string;
  roles: Role[];
  /** Subtrees the official may see (`/` = nationwide, `/01/` = Hà Nội). */
  orgPaths: string[];
}

export function officialFromClaims(claims: Record<string, unknown> | undefined): Official {
  if (!claims || typeof claims.sub !== "string") throw new Error("access token has no subject");
  const realmAccess = claims.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realmAccess?.roles) ? realmAccess.roles.filter(isRole) : [];
  const orgPaths = Array.isArray(claims.org_paths)
    ? minimizeOrgPaths(claims.org_paths.filter((p): p is string => typeof p === "string"))
    : [];
  const username = typeof claims.preferred_username === "string" ? claims.preferred_username : claims.sub;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name : username;
  return { subject: claims.sub, name, username, roles, orgPaths };
}

export function hasAnyRole(o: Pick<Official, "roles">, ...roles: Role[]): boolean {
  return roles.some((r) => o.roles.includes(r));
}

/** Who sees which console: the organizer console to conference operators, the site console to site operators. */
export const canUseOrganizerConsole = (o: Official): boolean => hasAnyRole(o, "conference_operator");
export const canUseSiteConsole = (o: Official): boolean => hasAnyRole(o, "site_operator");
/** KPI panels are the boards' view of membership work. */
export const canSeeKpi = (o: Official): boolean =>
  hasAnyRole(o, "central_board", "provincial_board", "inspection_committee", "personnel_officer", "viewer");
/**
 * The inspection panel shows counts (`inspection.report.annual`): the boards and the inspection
 * committees, the roles the inspection service lets read them (inspectionFiguresReaders).
 */
export const canSeeInspection = (o: Official): boolean => hasAnyRole(o, "central_board", "provincial_board", "inspection_committee");
/** The personnel panel: the boards and personnel officers (planning figures, counts only; personnel checks the scope). */
export const canSeePersonnel = (o: Official): boolean => hasAnyRole(o, "central_board", "provincial_board", "personnel_officer");
/** The restructuring progress screen: the boards that may read plans (restructuring decides which plans, by scope). */
export const canSeeRestructuring = (o: Official): boolean => hasAnyRole(o, "central_board", "provincial_board");
/** The audit trail screen: auditors only (the services check the scope). */
export const canSeeAudit = (o: Official): boolean => hasAnyRole(o, "auditor");
/** The live conference screen: every official but one who is only an auditor (conference refuses auditors). */
export const canSeeConference = (o: Official): boolean => !(o.roles.length > 0 && o.roles.every((r) => r === "auditor"));
