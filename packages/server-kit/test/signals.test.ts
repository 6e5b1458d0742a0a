import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const fixture = fileURLToPath(new URL("./fixtures/signal-service.ts", import.meta.url));

describe.each(["SIGTERM", "SIGINT"] as const)("%s", (signal) => {
  it("finishes the in-flight request, closes resources and exits 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no READY: ${out} ${err}`)), 20_000);
      child.stdout.on("data", () => {
        const m = /READY (\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    const pending = fetch(`${url}/trpc/membership.slow`);
    await new Promise((r) => setTimeout(r, 100));
    child.kill(signal);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: "done" } });
    expect(await exited).toBe(0);
    expect(out).toContain("CLOSED");
  }, 30_000);
});
