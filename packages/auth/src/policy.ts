import { isOrgPath, isWithin, ROOT_ORG_PATH } from "@orgboard/contracts";
import type { Principal, Role } from "./principal.js";
import { isRole } from "./principal.js";

/** One row of the policy table: who may perform an action, and whether the target must be in scope. */
export interface PolicyRule {
  roles: readonly Role[];
  /** true ⇒ a given resource's orgPath must lie inside one of the principal's orgPaths. */
  scoped: boolean;
  /**
   * When the role `service` is in `roles`: the only service clients (`azp`) it admits. A service account
   * carries `org_paths ["/"]`, so a row reading personal data names the one service that needs it rather than
   * every service account of the realm. Unset: any service client.
   */
  serviceClients?: readonly string[];
}
export type PolicyTable = Record<string, PolicyRule>;

export interface Resource {
  orgPath: string;
}

/** Actions are `<service>.<area>.<verb>` (ADR 0001), lower camel segments. */
export const ACTION_PATTERN = /^[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*){2,}$/;

// The one table for this process. Each service contributes its own rows (definePolicy) but there is
// only one authorize(), so the rules cannot drift between procedures.
const table = new Map<string, PolicyRule>();

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x) => b.includes(x));
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return a.scoped === b.scoped && sameSet(a.roles, b.roles) && sameSet(a.serviceClients, b.serviceClients);
}

/**
 * Registers a service's actions. Re-registering an identical rule is a no-op (tests, re-imports);
 * a conflicting rule throws, because two rules for one action is a policy bug. Returns the table,
 * typed, so `keyof typeof policy` can type the service's action names.
 */
export function definePolicy<const T extends PolicyTable>(rules: T): T {
  for (const [action, rule] of Object.entries(rules)) {
    if (!ACTION_PATTERN.test(action)) throw new Error(`Policy: bad action name "${action}" (want <service>.<area>.<verb>)`);
    for (const role of rule.roles) if (!isRole(role)) throw new Error(`Policy: unknown role "${String(role)}" in ${action}`);
    if (rule.serviceClients && !rule.roles.includes("service")) throw new Error(`Policy: ${action} names serviceClients but not the role "service"`);
    const frozen: PolicyRule = Object.freeze({
      roles: Object.freeze([...rule.roles]),
      scoped: rule.scoped,
      ...(rule.serviceClients ? { serviceClients: Object.freeze([...rule.serviceClients]) } : {}),
    });
    const existing = table.get(action);
    if (existing && !sameRule(existing, frozen)) throw new Error(`Policy: conflicting rules for "${action}"`);
    table.set(action, frozen);
  }
  return rules;
}

export function isKnownAction(action: string): boolean {
  return table.has(action);
}

export function getPolicyRule(action: string): PolicyRule | undefined {
  return table.get(action);
}

/** A copy of the registered table (for docs and tests). */
export function policySnapshot(): Record<string, PolicyRule> {
  return Object.fromEntries([...table.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: "no_principal" | "unknown_action" | "role" | "scope" | "bad_resource" };

/**
 * The one authorization decision (default deny). Without a resource, a scoped action checks roles
 * only: the caller must then confine its query with scopeFilter(principal).
 */
export function decide(principal: Principal | null | undefined, action: string, resource?: Resource): Decision {
  if (!principal) return { allowed: false, reason: "no_principal" };
  const rule = table.get(action);
  if (!rule) return { allowed: false, reason: "unknown_action" };
  const admits = (r: Role) =>
    rule.roles.includes(r) && (r !== "service" || !rule.serviceClients || (principal.clientId !== undefined && rule.serviceClients.includes(principal.clientId)));
  if (!principal.roles.some(admits)) return { allowed: false, reason: "role" };
  if (resource !== undefined) {
    if (!resource || !isOrgPath(resource.orgPath)) return { allowed: false, reason: "bad_resource" };
    if (rule.scoped && !principal.orgPaths.some((p) => isWithin(resource.orgPath, p))) {
      return { allowed: false, reason: "scope" };
    }
  }
  return { allowed: true };
}

export function authorize(principal: Principal | null | undefined, action: string, resource?: Resource): boolean {
  return decide(principal, action, resource).allowed;
}

/**
 * The path prefixes a list query must be confined to (`org_path LIKE prefix || '%'` OR-ed together).
 * Empty means "nothing": callers must return no rows, never drop the filter.
 */
export function scopeFilter(principal: Principal | null | undefined): string[] {
  if (!principal) return [];
  return principal.orgPaths.includes(ROOT_ORG_PATH) ? [ROOT_ORG_PATH] : [...principal.orgPaths];
}

/** For tests only: forget every registered rule. */
export function resetPolicyForTests(): void {
  table.clear();
}
