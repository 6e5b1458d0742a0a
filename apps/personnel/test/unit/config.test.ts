// docs/configuration.md and .env.example list every variable this service reads; the secret has no default.
import { readFileSync } from "node:fs";
import { configVariables, documentedVariables } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { loadPersonnelConfig, personnelConfigSchema, tokenUrlOf } from "../../src/config.js";

const doc = readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");
const example = readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8");
const BASE = { OIDC_ISSUER: "http://id.test/realms/orgboard", MEMBERSHIP_URL: "http://membership:4001", INSPECTION_URL: "http://inspection:4006", OIDC_CLIENT_SECRET: "s3cret" };

describe("personnel's configuration", () => {
  it("docs/configuration.md (apps column P) and .env.example list every variable it reads", () => {
    const documented = documentedVariables(doc);
    for (const name of configVariables(personnelConfigSchema)) {
      expect(documented.get(name)?.apps, name).toContain("P");
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });

  it("defaults: port 4007, audience and client personnel, Keycloak's token endpoint", () => {
    const c = loadPersonnelConfig(BASE);
    expect([c.PORT, c.OIDC_AUDIENCE, c.OIDC_CLIENT_ID]).toEqual([4007, "personnel", "personnel"]);
    expect(tokenUrlOf(c)).toBe("http://id.test/realms/orgboard/protocol/openid-connect/token");
  });

  it("refuses to start without the two services' URLs or its client secret, naming each, never printing the secret", () => {
    let message = "";
    try {
      loadPersonnelConfig({ OIDC_ISSUER: BASE.OIDC_ISSUER });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ["MEMBERSHIP_URL", "INSPECTION_URL", "OIDC_CLIENT_SECRET"]) expect(message).toContain(name);
    expect(() => loadPersonnelConfig({ ...BASE, OIDC_CLIENT_SECRET: "" })).toThrow(/OIDC_CLIENT_SECRET/);
  });
});
