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
