import { describe, expect, it } from "vitest";
import {
  errorDataSchema,
  eventEnvelopeSchema,
  eventStreamInputSchema,
  isOrgPath,
  isRole,
  isWithin,
  minimizeOrgPaths,
  orgPathSchema,
  paginationInputSchema,
  parentOrgPath,
  OFFICIAL_ROLES,
  ROLES,
  serviceOfPath,
} from "../src/index.js";

describe("org paths", () => {
  it("accepts the root and slash-terminated code paths", () => {
    for (const p of ["/", "/01/", "/01/01-007/", "/01/01-007/01-007-0031/", "/79/HCM.1/"]) expect(isOrgPath(p)).toBe(true);
  });
  it("rejects everything else", () => {
    for (const p of ["", "01/", "/01", "//", "/01//", "/01/../", "/./", "/a b/", "/01_/", "/ü/", 5, null, `/${"1".repeat(65)}/`]) {
      expect(isOrgPath(p)).toBe(false);
    }
  });
  it("the zod schema names the rule", () => {
    const r = orgPathSchema.safeParse("/01");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/leading and trailing/);
  });
  it("isWithin is a subtree test", () => {
    expect(isWithin("/01/01-007/", "/01/")).toBe(true);
    expect(isWithin("/010/", "/01/")).toBe(false);
  });
  it("minimizes scope lists", () => {
    expect(minimizeOrgPaths(["/01/01-007/", "/79/", "/01/", "/01/", "bad"])).toEqual(["/01/", "/79/"]);
    expect(minimizeOrgPaths(["/01/", "/"])).toEqual(["/"]);
  });
  it("finds the parent", () => {
    expect(parentOrgPath("/01/01-007/")).toBe("/01/");
    expect(parentOrgPath("/01/")).toBe("/");
    expect(parentOrgPath("/")).toBeNull();
  });
});

describe("shared schemas", () => {
  it("pagination defaults and bounds", () => {
    expect(paginationInputSchema.parse({})).toEqual({ limit: 50 });
    expect(paginationInputSchema.safeParse({ limit: 1000 }).success).toBe(false);
  });
  it("event envelope", () => {
    const ok = { id: "12", type: "membership.member.admitted", orgPath: "/01/", aggregateId: "m-1", occurredAt: "2026-01-01T00:00:00.000Z", payload: { a: 1 } };
    expect(eventEnvelopeSchema.parse(ok)).toEqual(ok);
    expect(eventEnvelopeSchema.safeParse({ ...ok, id: "x" }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...ok, orgPath: "/01" }).success).toBe(false);
  });
  it("stream input accepts nothing or a numeric lastEventId", () => {
    expect(eventStreamInputSchema.parse(undefined)).toEqual({});
    expect(eventStreamInputSchema.parse({ lastEventId: "42" })).toEqual({ lastEventId: "42" });
    expect(eventStreamInputSchema.safeParse({ lastEventId: "42 OR 1=1" }).success).toBe(false);
  });
  it("error data", () => {
    expect(errorDataSchema.safeParse({ code: "BAD_REQUEST", httpStatus: 400, fieldErrors: [{ path: "a.0", message: "m" }] }).success).toBe(true);
  });
});

describe("serviceOfPath", () => {
  it("is the first segment", () => {
    expect(serviceOfPath("membership.members.list")).toBe("membership");
    expect(serviceOfPath("conference")).toBe("conference");
  });
});

describe("roles", () => {
  it("knows the realm roles and nothing else Keycloak adds", () => {
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    for (const r of ["offline_access", "default-roles-orgboard", "", null, 1]) expect(isRole(r)).toBe(false);
    expect(OFFICIAL_ROLES).toEqual(ROLES.filter((r) => r !== "service"));
  });
});
