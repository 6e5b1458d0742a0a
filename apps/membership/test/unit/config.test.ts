// docs/configuration.md and .env.example list every variable this service reads, and its old names.
import { readFileSync } from "node:fs";
import { ConfigError, configVariables, documentedVariables } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { loadMembershipConfig, membershipConfigSchema, membershipRenamed, tokenUrlOf } from "../../src/config.js";

const doc = readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");
const example = readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8");

describe("configuration docs", () => {
  it("docs/configuration.md and .env.example list every variable membership reads", () => {
    const documented = documentedVariables(doc);
    for (const name of configVariables(membershipConfigSchema)) {
      expect(documented.get(name)?.apps, name).toContain("M");
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });
  it("docs/configuration.md names every renamed variable", () => {
    for (const [old, to] of Object.entries(membershipRenamed)) expect(doc).toMatch(new RegExp(`\\| \`${old}\` \\| \`${to}\``));
  });
});

describe("following inspection (INSPECTION_URL)", () => {
  const base = { OIDC_ISSUER: "http://id.example.vn/realms/orgboard" };
  const problems = (env: Record<string, string>) => {
    try {
      loadMembershipConfig({ ...base, ...env });
      return [];
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return err.problems.map((p) => `${p.variable}: ${p.message}`);
    }
  };

  it("is off by default; on, it logs in as client `membership` at Keycloak's token endpoint under the issuer", () => {
    expect(loadMembershipConfig(base).INSPECTION_URL).toBeUndefined();
    const c = loadMembershipConfig({ ...base, INSPECTION_URL: "http://inspection:4006/", OIDC_CLIENT_SECRET: "s" });
    expect(c).toMatchObject({ INSPECTION_URL: "http://inspection:4006", OIDC_CLIENT_ID: "membership" });
    expect(tokenUrlOf(c)).toBe("http://id.example.vn/realms/orgboard/protocol/openid-connect/token");
    expect(tokenUrlOf({ ...c, OIDC_TOKEN_URL: "http://id:8190/token" })).toBe("http://id:8190/token");
  });

  it("needs the client secret, a base URL without /trpc, and never prints the secret", () => {
    expect(problems({ INSPECTION_URL: "http://inspection:4006" })).toEqual([expect.stringMatching(/^OIDC_CLIENT_SECRET: bắt buộc khi đặt INSPECTION_URL .* \/ is required when INSPECTION_URL is set/)]);
    expect(problems({ INSPECTION_URL: "http://inspection:4006/trpc", OIDC_CLIENT_SECRET: "s" })).toEqual([expect.stringMatching(/^INSPECTION_URL: .*without \/trpc/)]);
    expect(problems({ INSPECTION_URL: "ftp://inspection", OIDC_CLIENT_SECRET: "very-secret-value" }).join("\n")).not.toContain("very-secret-value");
  });
});
