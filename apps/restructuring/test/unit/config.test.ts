// docs/configuration.md and .env.example list every variable this service reads; defaults per the doc.
import { readFileSync } from "node:fs";
import { configVariables, documentedVariables } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { loadRestructuringConfig, restructuringConfigSchema, unitMovesUrlOfConfig } from "../../src/config.js";

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

  it("the saga's other steps: identity's endpoint from the issuer only when builtin; their URLs need MEMBERSHIP_URL", () => {
    const base = { OIDC_ISSUER: "http://id.test/realms/orgboard" };
    expect(unitMovesUrlOfConfig(loadRestructuringConfig(base))).toBeNull();
    expect(unitMovesUrlOfConfig(loadRestructuringConfig({ ...base, IDENTITY_UNIT_MOVES: "builtin" }))).toBe("http://id.test/realms/orgboard/orgboard/unit-moves");
    expect(unitMovesUrlOfConfig(loadRestructuringConfig({ ...base, MEMBERSHIP_URL: "http://membership:4001", OIDC_CLIENT_SECRET: "s", IDENTITY_UNIT_MOVES_URL: "http://kc.test/x" }))).toBe("http://kc.test/x");
    expect(() => loadRestructuringConfig({ ...base, IDENTITY_UNIT_MOVES: "keycloak" })).toThrow(/IDENTITY_UNIT_MOVES/);
    expect(() => loadRestructuringConfig({ ...base, PERSONNEL_URL: "http://personnel:4007" })).toThrow(/MEMBERSHIP_URL/);
  });
});
