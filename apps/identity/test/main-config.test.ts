// src/main.ts as a process: bad configuration stops it before it listens, naming each variable (exit 78).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: appDir, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

describe("main: configuration", () => {
  it("in production, names the missing secrets, the malformed and the renamed variables at once, exit 78", async () => {
    const { code, stderr } = await run({ NODE_ENV: "production", PORT: "80a", PUBLIC_URL: "id.example.vn", ORGBOARD_IDENTITY_DATA_DIR: "/tmp/x", IDENTITY_VNEID_CLIENT_SECRET: "hunter2" });
    expect(code).toBe(78);
    expect(stderr).toMatch(/^identity: cấu hình không hợp lệ \/ invalid configuration \(9\):$/m);
    expect(stderr).toContain("ORGBOARD_IDENTITY_DATA_DIR: đã đổi tên thành DATA_DIR / was renamed to DATA_DIR");
    expect(stderr).toContain('PORT: phải là số nguyên từ 0 đến 65535 / must be a whole number from 0 to 65535, got "80a"');
    expect(stderr).toContain('PUBLIC_URL: phải là một URL http(s) / must be an http(s) URL, got "id.example.vn"');
    expect(stderr).toContain("IDENTITY_MEMBERSHIP_CLIENT_SECRET: chưa được đặt (bắt buộc khi không ở chế độ phát triển");
    expect(stderr).not.toContain("IDENTITY_VNEID_CLIENT_SECRET:");
    expect(stderr).not.toContain("hunter2");
  }, 30_000);
});
