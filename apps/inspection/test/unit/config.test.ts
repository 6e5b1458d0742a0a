// docs/configuration.md and .env.example list every variable this service reads; the secret has no default.
import { readFileSync } from "node:fs";
import { configVariables, documentedVariables } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { inspectionConfigSchema, loadInspectionConfig, tokenUrlOf } from "../../src/config.js";

const doc = readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");
const example = readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8");
// INSPECTION_DENOUNCER_KEYS is required outside development mode too (test/unit/denouncer-config.test.ts).
const BASE = { OIDC_ISSUER: "http://id.test/realms/orgboard", MEMBERSHIP_URL: "http://membership:4001", OIDC_CLIENT_SECRET: "s3cret", INSPECTION_DENOUNCER_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}` };

describe("inspection's configuration", () => {
  it("docs/configuration.md (apps column N) and .env.example list every variable it reads", () => {
    const documented = documentedVariables(doc);
    for (const name of configVariables(inspectionConfigSchema)) {
      expect(documented.get(name)?.apps, name).toContain("N");
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });

  it("defaults: port 4006, audience and client inspection, Keycloak's token endpoint", () => {
    const c = loadInspectionConfig(BASE);
    expect([c.PORT, c.OIDC_AUDIENCE, c.OIDC_CLIENT_ID]).toEqual([4006, "inspection", "inspection"]);
    expect(tokenUrlOf(c)).toBe("http://id.test/realms/orgboard/protocol/openid-connect/token");
  });

  it("refuses to start without membership's URL or its client secret, naming both, never printing the secret", () => {
    expect(() => loadInspectionConfig({ OIDC_ISSUER: BASE.OIDC_ISSUER })).toThrow(/MEMBERSHIP_URL[\s\S]*OIDC_CLIENT_SECRET|OIDC_CLIENT_SECRET[\s\S]*MEMBERSHIP_URL/);
    expect(() => loadInspectionConfig({ ...BASE, OIDC_CLIENT_SECRET: "", PORT: "x" })).toThrow(/PORT/);
  });
});
