// src/main.ts as a process: bad configuration stops it before anything opens, naming each variable.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

describe("main: configuration", () => {
  it("names every missing, malformed or renamed variable at once, without a secret's value, and exits 78", async () => {
    const { code, stderr } = await run({
      PORT: "-1",
      CONFERENCE_SWEEP_INTERVAL_MS: "soon",
      CONFERENCE_BRIDGE_WEBHOOK_SECRET: "hunter2-not-whsec",
      CONFERENCE_DATA_DIR: "/tmp/conference",
    });
    expect(code).toBe(78);
    expect(stderr).toContain("conference: cấu hình không hợp lệ / invalid configuration (5):");
    expect(stderr).toContain("CONFERENCE_DATA_DIR: đã đổi tên thành DATA_DIR / was renamed to DATA_DIR");
    expect(stderr).toContain('PORT: phải là số nguyên từ 0 đến 65535 / must be a whole number from 0 to 65535, got "-1"');
    expect(stderr).toContain("OIDC_ISSUER: chưa được đặt (bắt buộc) / is required but not set");
    expect(stderr).toContain('CONFERENCE_SWEEP_INTERVAL_MS: phải là số nguyên từ 0 trở lên / must be a whole number of at least 0, got "soon"');
    expect(stderr).toContain('CONFERENCE_BRIDGE_WEBHOOK_SECRET: phải bắt đầu bằng "whsec_" / must start with "whsec_"\n');
    expect(stderr).not.toContain("hunter2");
  });
});
