import { beforeEach, describe, expect, it } from "vitest";
import {
  authorize,
  decide,
  definePolicy,
  isKnownAction,
  isWithin,
  principalFromClaims,
  resetPolicyForTests,
  scopeFilter,
  type Principal,
} from "../src/index.js";

const user = (roles: Principal["roles"], orgPaths: string[]): Principal => ({ subject: "s", kind: "user", roles, orgPaths });

beforeEach(() => {
  resetPolicyForTests();
  definePolicy({
    "membership.members.read": { roles: ["central_board", "provincial_board", "viewer"], scoped: true },
    "membership.members.create": { roles: ["personnel_officer"], scoped: true },
    "membership.stats.national": { roles: ["central_board"], scoped: false },
  });
});

describe("isWithin", () => {
  it("is a prefix test on slash-terminated paths", () => {
    expect(isWithin("/01/01-007/", "/01/")).toBe(true);
    expect(isWithin("/01/", "/01/")).toBe(true);
    expect(isWithin("/010/", "/01/")).toBe(false);
    expect(isWithin("/01/", "/")).toBe(true);
    expect(isWithin("/01/", "/01/01-007/")).toBe(false);
  });
  it("never treats malformed paths as inside", () => {
    expect(isWithin("/01/../02/", "/01/")).toBe(false);
    expect(isWithin("/01", "/")).toBe(false);
    expect(isWithin("01/", "/")).toBe(false);
    expect(isWithin("/01/", "")).toBe(false);
    expect(isWithin("/01//", "/01/")).toBe(false);
  });
});

describe("authorize", () => {
  const prov = user(["provincial_board"], ["/01/"]);
  it("allows a role in scope", () => {
    expect(authorize(prov, "membership.members.read", { orgPath: "/01/01-007/" })).toBe(true);
    expect(authorize(prov, "membership.members.read")).toBe(true);
  });
  it("denies out of scope, including sibling codes sharing a prefix", () => {
    expect(decide(prov, "membership.members.read", { orgPath: "/79/" })).toEqual({ allowed: false, reason: "scope" });
    expect(authorize(prov, "membership.members.read", { orgPath: "/010/" })).toBe(false);
    expect(authorize(prov, "membership.members.read", { orgPath: "/" })).toBe(false);
  });
  it("denies a role not in the rule", () => {
    expect(decide(prov, "membership.members.create", { orgPath: "/01/" })).toEqual({ allowed: false, reason: "role" });
  });
  it("denies unknown actions and missing principals (default deny)", () => {
    expect(decide(prov, "membership.members.delete")).toEqual({ allowed: false, reason: "unknown_action" });
    expect(decide(null, "membership.members.read")).toEqual({ allowed: false, reason: "no_principal" });
  });
  it("denies malformed resources even for unscoped actions", () => {
    const central = user(["central_board"], ["/"]);
    expect(authorize(central, "membership.stats.national")).toBe(true);
    expect(decide(central, "membership.stats.national", { orgPath: "nope" })).toEqual({ allowed: false, reason: "bad_resource" });
    expect(authorize(central, "membership.members.read", { orgPath: "/01/../" })).toBe(false);
  });
  it("central_board (from claims) reaches everything", () => {
    const central = principalFromClaims({ sub: "c", realm_access: { roles: ["central_board"] }, org_paths: [] })!;
    expect(authorize(central, "membership.members.read", { orgPath: "/96/96-001/96-001-0001/" })).toBe(true);
    expect(scopeFilter(central)).toEqual(["/"]);
  });
  it("a principal without roles or paths can do nothing", () => {
    const nobody = principalFromClaims({ sub: "n" })!;
    expect(nobody.roles).toEqual([]);
    expect(authorize(nobody, "membership.members.read")).toBe(false);
    expect(scopeFilter(nobody)).toEqual([]);
  });
});

describe("definePolicy", () => {
  it("rejects conflicting definitions, bad names and unknown roles", () => {
    expect(() => definePolicy({ "membership.members.read": { roles: ["viewer"], scoped: true } })).toThrow(/conflicting/);
    expect(() => definePolicy({ "members.read": { roles: ["viewer"], scoped: true } })).toThrow(/bad action/);
    expect(() => definePolicy({ "a.b.c": { roles: ["root" as never], scoped: true } })).toThrow(/unknown role/);
  });
  it("accepts an identical re-definition", () => {
    definePolicy({ "membership.stats.national": { roles: ["central_board"], scoped: false } });
    expect(isKnownAction("membership.stats.national")).toBe(true);
  });
});

describe("serviceClients (#9: personal data to the one service that needs it)", () => {
  const service = (clientId?: string): Principal => ({ subject: `service-account-${clientId}`, kind: "service", roles: ["service"], orgPaths: ["/"], ...(clientId ? { clientId } : {}) });
  beforeEach(() => {
    definePolicy({
      "membership.people.read": { roles: ["viewer", "service"], scoped: true, serviceClients: ["inspection"] },
      "membership.tree.read": { roles: ["viewer", "service"], scoped: true },
    });
  });
  it("admits only the named service clients to a row that names them", () => {
    expect(decide(service("inspection"), "membership.people.read", { orgPath: "/01/" })).toEqual({ allowed: true });
    expect(decide(service("realtime"), "membership.people.read", { orgPath: "/01/" })).toEqual({ allowed: false, reason: "role" });
    expect(decide(service(), "membership.people.read")).toEqual({ allowed: false, reason: "role" });
    // Other roles are untouched, and a row without the list admits every service client.
    expect(authorize(user(["viewer"], ["/01/"]), "membership.people.read", { orgPath: "/01/" })).toBe(true);
    expect(authorize(service("realtime"), "membership.tree.read", { orgPath: "/01/" })).toBe(true);
    // A user token of the dashboard that somehow carried `service` next to a role keeps that role's rights only.
    expect(authorize({ ...user(["service", "viewer"], ["/01/"]), clientId: "dashboard" }, "membership.people.read", { orgPath: "/02/" })).toBe(false);
  });
  it("is part of the rule: a different list conflicts, and it needs the role service", () => {
    expect(() => definePolicy({ "membership.people.read": { roles: ["viewer", "service"], scoped: true, serviceClients: ["realtime"] } })).toThrow(/conflicting/);
    expect(() => definePolicy({ "membership.people.read": { roles: ["viewer", "service"], scoped: true } })).toThrow(/conflicting/);
    definePolicy({ "membership.people.read": { roles: ["service", "viewer"], scoped: true, serviceClients: ["inspection"] } });
    expect(() => definePolicy({ "membership.other.read": { roles: ["viewer"], scoped: true, serviceClients: ["inspection"] } })).toThrow(/serviceClients but not the role "service"/);
  });
});

describe("scopeFilter", () => {
  it("returns the minimal prefixes", () => {
    const p = principalFromClaims({ sub: "x", realm_access: { roles: ["viewer"] }, org_paths: ["/01/01-007/", "/01/", "/79/"] })!;
    expect(scopeFilter(p)).toEqual(["/01/", "/79/"]);
  });
});
