// docs/configuration.md and .env.example list every variable this service reads; defaults per the doc.
import { readFileSync } from "node:fs";
import { configVariables, documentedVariables } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { identityTargetOfConfig, loadRestructuringConfig, restructuringConfigSchema, unitMovesUrlOfConfig } from "../../src/config.js";
import { provinceConcurrency } from "../../src/server.js";

const doc = readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");
const example = readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8");

describe("restructuring's configuration", () => {
  it("docs/configuration.md (apps column S) and .env.example list every variable it reads", () => {
    const documented = documentedVariables(doc);
    for (const name of configVariables(restructuringConfigSchema)) {
      expect(documented.get(name)?.apps, name).toContain("S");
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });

  it("defaults: port 4008, audience restructuring; a bad port or no issuer stops the start, naming them", () => {
    const c = loadRestructuringConfig({ OIDC_ISSUER: "http://id.test/realms/orgboard" });
    expect([c.PORT, c.OIDC_AUDIENCE]).toEqual([4008, "restructuring"]);
    expect(() => loadRestructuringConfig({ PORT: "x" })).toThrow(/PORT[\s\S]*OIDC_ISSUER|OIDC_ISSUER[\s\S]*PORT/);
  });

  it("RESTRUCTURING_PROVINCE_CONCURRENCY: a whole number from 1, else the start stops naming it; the service's default by database", () => {
    const base = { OIDC_ISSUER: "http://id.test/realms/orgboard" };
    expect(loadRestructuringConfig(base).RESTRUCTURING_PROVINCE_CONCURRENCY).toBeUndefined();
    expect(loadRestructuringConfig({ ...base, RESTRUCTURING_PROVINCE_CONCURRENCY: "3" }).RESTRUCTURING_PROVINCE_CONCURRENCY).toBe(3);
    for (const bad of ["0", "1.5", "two"]) expect(() => loadRestructuringConfig({ ...base, RESTRUCTURING_PROVINCE_CONCURRENCY: bad }), bad).toThrow(/RESTRUCTURING_PROVINCE_CONCURRENCY: phải là số nguyên/);
    const on = (kind: "pglite" | "postgres") => ({ shared: { native: { kind } } }) as unknown as Parameters<typeof provinceConcurrency>[0];
    expect([provinceConcurrency(on("postgres")), provinceConcurrency(on("postgres"), 3), provinceConcurrency(on("pglite")), provinceConcurrency(on("pglite"), 3)]).toEqual([2, 3, 1, 1]);
  });

  it("the saga's other steps: identity's endpoint from the issuer only when builtin; their URLs need MEMBERSHIP_URL", () => {
    const base = { OIDC_ISSUER: "http://id.test/realms/orgboard" };
    expect(unitMovesUrlOfConfig(loadRestructuringConfig(base))).toBeNull();
    expect(unitMovesUrlOfConfig(loadRestructuringConfig({ ...base, IDENTITY_UNIT_MOVES: "builtin" }))).toBe("http://id.test/realms/orgboard/orgboard/unit-moves");
    expect(unitMovesUrlOfConfig(loadRestructuringConfig({ ...base, MEMBERSHIP_URL: "http://membership:4001", OIDC_CLIENT_SECRET: "s", IDENTITY_UNIT_MOVES_URL: "http://kc.test/x" }))).toBe("http://kc.test/x");
    expect(() => loadRestructuringConfig({ ...base, IDENTITY_UNIT_MOVES: "keycloak2" })).toThrow(/IDENTITY_UNIT_MOVES/);
    expect(() => loadRestructuringConfig({ ...base, PERSONNEL_URL: "http://personnel:4007" })).toThrow(/MEMBERSHIP_URL/);
  });

  it("IDENTITY_UNIT_MOVES=keycloak: Keycloak's admin API of the issuer's realm, at IDENTITY_KEYCLOAK_ADMIN_URL, else where tokens are fetched, else the issuer's host", () => {
    // As infra/k8s/base/config.yaml: the issuer is public, tokens and the admin API are fetched inside the cluster.
    const cluster = { OIDC_ISSUER: "https://sso.orgboard.example/realms/orgboard", OIDC_TOKEN_URL: "http://keycloak/realms/orgboard/protocol/openid-connect/token", MEMBERSHIP_URL: "http://membership", OIDC_CLIENT_SECRET: "s", IDENTITY_UNIT_MOVES: "keycloak" };
    expect(identityTargetOfConfig(loadRestructuringConfig(cluster))).toEqual({ kind: "keycloak", baseUrl: "http://keycloak", realm: "orgboard" });
    expect(identityTargetOfConfig(loadRestructuringConfig({ ...cluster, IDENTITY_KEYCLOAK_ADMIN_URL: "http://keycloak-admin:8080/" }))).toEqual({ kind: "keycloak", baseUrl: "http://keycloak-admin:8080", realm: "orgboard" });
    const { OIDC_TOKEN_URL: _unused, ...noTokenUrl } = cluster;
    expect(identityTargetOfConfig(loadRestructuringConfig(noTokenUrl))).toEqual({ kind: "keycloak", baseUrl: "https://sso.orgboard.example", realm: "orgboard" });
    // keycloak wins over an endpoint URL (the built-in provider's); builtin and off as before.
    expect(identityTargetOfConfig(loadRestructuringConfig({ ...cluster, IDENTITY_UNIT_MOVES_URL: "http://identity/x" }))).toMatchObject({ kind: "keycloak" });
    expect(unitMovesUrlOfConfig(loadRestructuringConfig({ ...cluster, IDENTITY_UNIT_MOVES_URL: "http://identity/x" }))).toBeNull();
    expect(identityTargetOfConfig(loadRestructuringConfig({ ...cluster, IDENTITY_UNIT_MOVES: "builtin" }))).toEqual({ kind: "builtin", url: "https://sso.orgboard.example/realms/orgboard/orgboard/unit-moves" });
    expect(identityTargetOfConfig(loadRestructuringConfig({ ...cluster, IDENTITY_UNIT_MOVES: "off" }))).toBeNull();
    // It needs membership (its moves follow membership's) and a Keycloak-shaped issuer (the realm is the issuer's).
    expect(() => loadRestructuringConfig({ OIDC_ISSUER: cluster.OIDC_ISSUER, IDENTITY_UNIT_MOVES: "keycloak" })).toThrow(/MEMBERSHIP_URL/);
    expect(() => loadRestructuringConfig({ ...cluster, OIDC_ISSUER: "https://id.example/oidc" })).toThrow(/IDENTITY_UNIT_MOVES/);
  });
});
