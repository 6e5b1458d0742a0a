// Realm roles (ADR 0001): services check them (packages/auth), the dashboard chooses consoles by them.

export const ROLES = [
  "central_board",
  "provincial_board",
  "inspection_committee",
  "personnel_officer",
  "conference_operator",
  "site_operator",
  "viewer",
  "auditor",
  "service",
] as const;
export type Role = (typeof ROLES)[number];

/** Every role a person (an official) holds: all but "service". Read access to a dashboard's data. */
export const OFFICIAL_ROLES: readonly Exclude<Role, "service">[] = ROLES.filter((r): r is Exclude<Role, "service"> => r !== "service");

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * One row of an authorization policy (packages/auth's `definePolicy` takes these): the roles allowed, and
 * whether the resource's org path must lie inside one of the caller's org paths. Contract packages export
 * the rows that a service and another component must apply identically (who may read a service's event
 * stream: the service's `<service>.events.read` and the realtime gateway's delivery of the same events).
 */
export interface AccessRule {
  readonly roles: readonly Role[];
  readonly scoped: boolean;
}
