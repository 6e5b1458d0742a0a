// INSPECTION_DENOUNCER_KEYS in the service's configuration: required outside development mode, every
// entry checked, the value never printed; documented in docs/configuration.md.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { ConfigError } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { denouncerKeyProblems, loadInspectionConfig } from "../../src/config.js";

const base = { OIDC_ISSUER: "http://127.0.0.1:8190/realms/orgboard", MEMBERSHIP_URL: "http://127.0.0.1:4001", OIDC_CLIENT_SECRET: "s3cret-value" };
const key = `k1:${randomBytes(32).toString("base64")}`;

function problems(env: Record<string, string>): string[] {
  try {
    loadInspectionConfig(env);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
  }
}

describe("INSPECTION_DENOUNCER_KEYS", () => {
  it("is required outside development mode (unset NODE_ENV counts as production)", () => {
    expect(problems(base)).toEqual([expect.stringMatching(/^INSPECTION_DENOUNCER_KEYS: chưa được đặt .* \/ is required/)]);
    expect(problems({ ...base, NODE_ENV: "production" })).toHaveLength(1);
    expect(problems({ ...base, NODE_ENV: "development" })).toEqual([]);
  });

  it("is taken when every entry is a kid and 32 bytes of base64", () => {
    expect(loadInspectionConfig({ ...base, INSPECTION_DENOUNCER_KEYS: `${key},k0:${randomBytes(32).toString("base64")}` }).INSPECTION_DENOUNCER_KEYS).toContain("k1:");
  });

  it("names a bad entry without printing any key", () => {
    const short = randomBytes(16).toString("base64");
    const found = problems({ ...base, INSPECTION_DENOUNCER_KEYS: `${key},k2:${short}` });
    expect(found).toEqual([expect.stringMatching(/^INSPECTION_DENOUNCER_KEYS: khóa #2 \(k2\)/)]);
    expect(found.join()).not.toContain(short);
    expect(found.join()).not.toContain(key.slice(3));
    expect(denouncerKeyProblems({ INSPECTION_DENOUNCER_KEYS: `${key},${key}` })[0]!.message).toMatch(/k1/);
  });

  it("is listed in docs/configuration.md as a secret and in .env.example", () => {
    const doc = readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");
    expect(doc).toMatch(/\| `INSPECTION_DENOUNCER_KEYS` \|[^\n]*\| yes \|/);
    expect(readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8")).toMatch(/^# INSPECTION_DENOUNCER_KEYS=/m);
  });
});
