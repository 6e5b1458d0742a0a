import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const fixture = fileURLToPath(new URL("./fixtures/signal-service.ts", import.meta.url));

function within<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(what())), ms))]);
}

describe.each(["SIGTERM", "SIGINT"] as const)("%s", (signal) => {
  it("finishes the in-flight request, closes resources and exits 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const log = () => `stdout: ${out}\nstderr: ${err}`;
    try {
      const url = await within(
        new Promise<string>((resolve) => {
          child.stdout.on("data", () => {
            const m = /READY (\S+)/.exec(out);
            if (m) resolve(m[1]!);
          });
        }),
        40_000,
        () => `no READY\n${log()}`,
      );
      const pending = fetch(`${url}/trpc/membership.slow`);
      // Send the signal only once the request is being handled (the fixture prints SLOW).
      await within(new Promise<void>((resolve) => {
        const check = () => (out.includes("SLOW") ? resolve() : setTimeout(check, 10));
        check();
      }), 10_000, () => `request not started\n${log()}`);
      child.kill(signal);
      const res = await within(pending, 10_000, () => `no answer\n${log()}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ result: { data: "done" } });
      expect(await within(exited, 10_000, () => `no exit\n${log()}`)).toBe(0);
      expect(out).toContain("CLOSED");
    } finally {
      child.kill("SIGKILL");
    }
  }, 70_000);
});
