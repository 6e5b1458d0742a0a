import { describe, expect, it } from "vitest";
import { z } from "zod";
import { baseServiceConfigSchema, ConfigError, configVariables, documentedVariables, isDevelopment, loadConfig, wholeNumber } from "../src/index.js";

const schema = baseServiceConfigSchema.extend({ FEATURE_X: z.enum(["on", "off"]).default("off"), APP_SECRET: z.string().min(32).optional() });

function problems(env: Record<string, string>, opts: Parameters<typeof loadConfig>[2] = {}): ConfigError {
  try {
    loadConfig(schema, env, opts);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("returns typed config with defaults", () => {
    const cfg = loadConfig(schema, {
      PORT: "4001",
      OIDC_ISSUER: "http://127.0.0.1:8080/realms/orgboard",
      OIDC_AUDIENCE: "membership",
      CORS_ORIGINS: "http://localhost:5173, http://localhost:4173",
    });
    expect(cfg.PORT).toBe(4001);
    expect(cfg.HOST).toBe("127.0.0.1");
    expect(cfg.DATABASE_POOL_SIZE).toBe(10);
    expect(cfg.CORS_ORIGINS).toEqual(["http://localhost:5173", "http://localhost:4173"]);
    expect(cfg.FEATURE_X).toBe("off");
  });

  it("lists every bad or missing variable at once, Vietnamese then English, with the value received", () => {
    const e = problems({ PORT: "abc", OIDC_ISSUER: "not-a-url", FEATURE_X: "maybe", DATABASE_POOL_SIZE: "0" }, { app: "membership" });
    expect(e.problems.map((p) => p.variable).sort()).toEqual(["DATABASE_POOL_SIZE", "FEATURE_X", "OIDC_AUDIENCE", "OIDC_ISSUER", "PORT"]);
    expect(e.message).toContain("membership: cấu hình không hợp lệ / invalid configuration (5):");
    expect(e.message).toContain('PORT: phải là số nguyên từ 0 đến 65535 / must be a whole number from 0 to 65535, got "abc"');
    expect(e.message).toContain("OIDC_AUDIENCE: chưa được đặt (bắt buộc) / is required but not set");
    expect(e.message).toContain('OIDC_ISSUER: phải là một URL http(s) / must be an http(s) URL, got "not-a-url"');
    expect(e.message).toContain('FEATURE_X: phải là một trong on, off / must be one of on, off, got "maybe"');
    expect(e.message).toContain('DATABASE_POOL_SIZE: phải là số nguyên từ 1 đến 100 / must be a whole number from 1 to 100, got "0"');
  });

  it("never prints a secret's value (names ending _SECRET, DATABASE_URL, or listed)", () => {
    const base = { PORT: "1", OIDC_ISSUER: "http://i/realms/orgboard", OIDC_AUDIENCE: "a" };
    const e = problems({ ...base, APP_SECRET: "s3cr3t-too-short", PORT: "p4ssw0rd" }, { secrets: ["PORT"] });
    expect(e.message).toContain("APP_SECRET: phải có ít nhất 32 ký tự / must be at least 32 characters");
    expect(e.message).not.toContain("s3cr3t");
    expect(e.message).not.toContain("p4ssw0rd");
  });

  it("refuses an old name, naming the new one, together with the other problems", () => {
    const e = problems({ MEMBERSHIP_DATA_DIR: "/x", PORT: "1", OIDC_AUDIENCE: "a" }, { renamed: { MEMBERSHIP_DATA_DIR: "DATA_DIR", UNSET_OLD: "NEW" } });
    expect(e.problems).toEqual([
      { variable: "MEMBERSHIP_DATA_DIR", message: "đã đổi tên thành DATA_DIR / was renamed to DATA_DIR" },
      { variable: "OIDC_ISSUER", message: "chưa được đặt (bắt buộc) / is required but not set" },
    ]);
  });

  it("adds the problems found outside the schema", () => {
    const e = problems({ PORT: "1", OIDC_ISSUER: "http://i", OIDC_AUDIENCE: "a" }, { extraProblems: () => [{ variable: "X_SECRET", message: "a / b" }] });
    expect(e.problems).toEqual([{ variable: "X_SECRET", message: "a / b" }]);
  });

  it("wholeNumber without a maximum", () => {
    expect(wholeNumber(5).safeParse("4").error?.issues[0]?.message).toBe("phải là số nguyên từ 5 trở lên / must be a whole number of at least 5");
    expect(wholeNumber(5).parse("6")).toBe(6);
  });

  it("development mode is explicit", () => {
    expect(isDevelopment({ NODE_ENV: "development" })).toBe(true);
    expect(isDevelopment({})).toBe(false);
    expect(isDevelopment({ NODE_ENV: "dev" })).toBe(false);
  });

  it("configVariables names the variables a schema reads, through refinements", () => {
    expect(configVariables(schema.superRefine(() => undefined))).toContain("FEATURE_X");
    expect(configVariables(baseServiceConfigSchema)).toEqual(["HOST", "PORT", "LOG_LEVEL", "DATA_DIR", "DATABASE_URL", "DATABASE_POOL_SIZE", "OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL", "CORS_ORIGINS", "BODY_LIMIT_BYTES", "RATE_LIMIT_WINDOW_MS", "RATE_LIMIT_PER_PRINCIPAL", "RATE_LIMIT_PER_ADDRESS", "RATE_LIMIT_PROXY_HOPS"]);
  });
});

describe("documentedVariables", () => {
  it("reads the table of docs/configuration.md", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
    const vars = documentedVariables(doc);
    expect(vars.get("PORT")).toEqual({ apps: ["M", "C", "N", "P", "S", "R", "I"], secret: false });
    for (const name of configVariables(baseServiceConfigSchema)) expect(vars.has(name), name).toBe(true);
  });
  it(".env.example has every documented variable, commented out, and no secret value", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");
    const assigned = new Map([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, { line: m[0], value: m[2]! }]));
    for (const [name, row] of documentedVariables(doc)) {
      expect(assigned.get(name)?.line, name).toMatch(/^# /);
      if (row.secret) expect(assigned.get(name)?.value, name).toBe("");
    }
    for (const name of assigned.keys()) expect(documentedVariables(doc).has(name), `${name} is in .env.example but not in docs/configuration.md`).toBe(true);
  });
});
