import { describe, expect, it } from "vitest";
import { z } from "zod";
import { baseServiceConfigSchema, ConfigError, loadConfig } from "../src/index.js";

const schema = baseServiceConfigSchema.extend({ FEATURE_X: z.enum(["on", "off"]).default("off") });

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
    expect(cfg.CORS_ORIGINS).toEqual(["http://localhost:5173", "http://localhost:4173"]);
    expect(cfg.FEATURE_X).toBe("off");
  });
  it("lists every bad or missing variable, without values", () => {
    let err: unknown;
    try {
      loadConfig(schema, { PORT: "seventy", OIDC_ISSUER: "s3cr3t-not-a-url", FEATURE_X: "maybe" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.problems.map((p) => p.variable).sort()).toEqual(["FEATURE_X", "OIDC_AUDIENCE", "OIDC_ISSUER", "PORT"]);
    expect(e.message).toContain("OIDC_AUDIENCE: is required but not set");
    expect(e.message).not.toContain("s3cr3t");
  });
});
