import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { configVariables, documentedVariables } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { checkpointFile, loadRealtimeConfig, realtimeConfigSchema, realtimeRenamed, socketLimitsFromConfig } from "../../src/config.js";

const base = { PORT: "4100", OIDC_ISSUER: "http://127.0.0.1:9/realms/orgboard" };
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("config", () => {
  it("has embedded defaults", () => {
    const c = loadRealtimeConfig(base, "throw");
    expect(c).toMatchObject({
      HOST: "127.0.0.1",
      OIDC_AUDIENCE: "realtime",
      OIDC_CLIENT_ID: "realtime",
      REALTIME_SERVICES: [],
      REALTIME_MAX_DISCONNECTION_MS: 120_000,
      DATABASE_POOL_SIZE: 10,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(checkpointFile(c)).toBe(join(".data", "realtime", "checkpoints.json"));
    expect(checkpointFile({ DATA_DIR: "/var/lib/realtime" })).toBe("/var/lib/realtime/checkpoints.json");
  });

  it("has socket limits, configurable, 0 turning each off (#9)", () => {
    expect(socketLimitsFromConfig(loadRealtimeConfig(base, "throw"))).toEqual({ perPrincipal: 20, perAddress: 1000, messagesPerMinute: 60, proxyHops: 0 });
    const set = { REALTIME_MAX_SOCKETS_PER_PRINCIPAL: "0", REALTIME_MAX_SOCKETS_PER_ADDRESS: "50", REALTIME_MESSAGES_PER_MINUTE: "0", RATE_LIMIT_PROXY_HOPS: "1" };
    expect(socketLimitsFromConfig(loadRealtimeConfig({ ...base, ...set }, "throw"))).toEqual({ perPrincipal: 0, perAddress: 50, messagesPerMinute: 0, proxyHops: 1 });
    expect(() => loadRealtimeConfig({ ...base, REALTIME_MAX_SOCKETS_PER_PRINCIPAL: "-1" }, "throw")).toThrow(/REALTIME_MAX_SOCKETS_PER_PRINCIPAL/);
  });

  it("parses the service list of base URLs", () => {
    const c = loadRealtimeConfig({ ...base, OIDC_CLIENT_SECRET: "x", REALTIME_SERVICES: "membership=http://127.0.0.1:4001, conference=https://conf.example/api/" }, "throw");
    expect(c.REALTIME_SERVICES).toEqual([
      { name: "membership", baseUrl: "http://127.0.0.1:4001", url: "http://127.0.0.1:4001/trpc" },
      { name: "conference", baseUrl: "https://conf.example/api", url: "https://conf.example/api/trpc" },
    ]);
  });

  it("names every bad variable, in both languages", () => {
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "membership=ftp://x" }, "throw")).toThrow(/REALTIME_SERVICES: mục 1 \("membership=ftp:\/\/x"\) phải có dạng .* \/ entry 1 \("membership=ftp:\/\/x"\) must be <service>=<http\(s\) base URL>/);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "membership=http://x/trpc", OIDC_CLIENT_SECRET: "s" }, "throw")).toThrow(/without \/trpc \(realtime appends it\)/);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "membership=http://x,membership=http://y", OIDC_CLIENT_SECRET: "s" }, "throw")).toThrow(/listed twice/);
    // A service whose stream-read rule realtime does not know would deliver to no one: refused at start.
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "identity=http://x", OIDC_CLIENT_SECRET: "s" }, "throw")).toThrow(/entry 1: realtime has no stream-read rule for service "identity" \(known: membership, conference, inspection, personnel, restructuring\)/);
    // Restructuring's stream (the progress screen, contract-restructuring 1.3) is known.
    expect(loadRealtimeConfig({ ...base, REALTIME_SERVICES: "restructuring=http://127.0.0.1:4008", OIDC_CLIENT_SECRET: "s" }, "throw").REALTIME_SERVICES.map((s) => s.name)).toEqual(["restructuring"]);
    expect(loadRealtimeConfig({ ...base, REALTIME_SERVICES: "inspection=http://127.0.0.1:4006", OIDC_CLIENT_SECRET: "s" }, "throw").REALTIME_SERVICES).toEqual([
      { name: "inspection", baseUrl: "http://127.0.0.1:4006", url: "http://127.0.0.1:4006/trpc" },
    ]);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_SERVICES: "membership=http://x" }, "throw")).toThrow(/OIDC_CLIENT_SECRET: bắt buộc khi REALTIME_SERVICES có dịch vụ .* \/ is required when REALTIME_SERVICES lists services/);
    expect(() => loadRealtimeConfig({ PORT: "x" }, "throw")).toThrow(/PORT: phải là số nguyên từ 0 đến 65535[\s\S]*OIDC_ISSUER: chưa được đặt \(bắt buộc\) \/ is required but not set/);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_BUS_CHANNEL: "Bad-Name" }, "throw")).toThrow(/REALTIME_BUS_CHANNEL: .* \/ must be a lowercase SQL identifier, got "Bad-Name"/);
    expect(() => loadRealtimeConfig({ ...base, REALTIME_CLIENT_SECRET: "old" }, "throw")).toThrow(/REALTIME_CLIENT_SECRET: đã đổi tên thành OIDC_CLIENT_SECRET \/ was renamed to OIDC_CLIENT_SECRET/);
  });

  it("docs/configuration.md and .env.example list every variable realtime reads and its old names", () => {
    const doc = readFileSync(join(APP_DIR, "../../docs/configuration.md"), "utf8");
    const example = readFileSync(join(APP_DIR, "../../.env.example"), "utf8");
    const documented = documentedVariables(doc);
    for (const name of configVariables(realtimeConfigSchema)) {
      expect(documented.get(name)?.apps, name).toContain("R");
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
    for (const old of Object.keys(realtimeRenamed)) expect(doc).toMatch(new RegExp(`\\| \`${old}\` \\|`));
  });

  it("main.ts refuses to start with every problem named, no secret printed, exit 78", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: APP_DIR,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        PORT: "99999",
        REALTIME_SERVICES: "membership=http://127.0.0.1:4001/trpc",
        REALTIME_CLIENT_SECRET: "hunter2",
        DATABASE_URL: "postgres://u:hunter3@db/x",
        DATABASE_POOL_SIZE: "0",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(78);
    expect(stderr).toContain("realtime: cấu hình không hợp lệ / invalid configuration (5):");
    expect(stderr).toContain("REALTIME_CLIENT_SECRET: đã đổi tên thành OIDC_CLIENT_SECRET / was renamed to OIDC_CLIENT_SECRET");
    expect(stderr).toContain('PORT: phải là số nguyên từ 0 đến 65535 / must be a whole number from 0 to 65535, got "99999"');
    expect(stderr).toContain("OIDC_ISSUER: chưa được đặt (bắt buộc) / is required but not set");
    expect(stderr).toContain("REALTIME_SERVICES: mục 1");
    expect(stderr).toContain("DATABASE_POOL_SIZE: phải là số nguyên từ 1 đến 100");
    expect(stderr).not.toMatch(/hunter/);
  }, 30_000);
});
