import { describe, expect, it } from "vitest";
import { loadRealtimeConfig } from "../../src/config.js";

const base = { PORT: "4100", OIDC_ISSUER: "http://127.0.0.1:9/realms/orgboard" };

describe("config", () => {
  it("has embedded defaults", () => {
    const c = loadRealtimeConfig(base, "throw");
    expect(c).toMatchObject({
      HOST: "127.0.0.1",
      OIDC_AUDIENCE: "realtime",
      REALTIME_SERVICES: [],
      REALTIME_MAX_DISCONNECTION_MS: 120_000,
      REALTIME_CHECKPOINT_FILE: ".data/realtime/checkpoints.json",
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it("parses the service list", () => {
    const c = loadRealtimeConfig(
      { ...base, REALTIME_CLIENT_SECRET: "x", REALTIME_SERVICES: "membership=http://127.0.0.1:4001/trpc, conference=https://conf.example/trpc" },
      "throw",
    );
    expect(c.REALTIME_SERVICES).toEqual([
      { name: "membership", url: "http://127.0.0.1:4001/trpc" },
      { name: "conference", url: "https://conf.example/trpc" },
    ]);
  });

  it("names every bad variable", () => {
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "membership=ftp://x" }, "throw")).toThrow(/REALTIME_SERVICES: entry 1 \("membership=ftp:\/\/x"\)/);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "a=http://x/trpc,a=http://y/trpc", REALTIME_CLIENT_SECRET: "s" }, "throw")).toThrow(/listed twice/);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "membership=http://x/trpc" }, "throw")).toThrow(/REALTIME_CLIENT_SECRET: is required/);
    expect(() => loadRealtimeConfig({ PORT: "x" }, "throw")).toThrow(/PORT[\s\S]*OIDC_ISSUER: is required but not set/);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_BUS_CHANNEL: "Bad-Name" }, "throw")).toThrow(/REALTIME_BUS_CHANNEL: must be a lowercase SQL identifier/);
  });
});
