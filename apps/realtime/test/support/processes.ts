import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@orgboard/testkit";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface GatewayProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit (graceful), or SIGKILL (crash). */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<number | null>;
  /** GET /readyz; with `token` (a service token) the details (streams, connections) too. */
  readyz(token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** `node --import tsx src/main.ts`: the real entry point, configured only by environment. */
export async function spawnGateway(name: string, env: Record<string, string>, port?: number): Promise<GatewayProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(p), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${p}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const g: GatewayProcess = {
    name,
    url,
    child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
    async readyz(token?: string) {
      const r = await fetch(`${url}/readyz`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway ${name} exited (${child.exitCode}):\n${out}`);
    try {
      if ((await g.readyz()).status === 200) return g;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`gateway ${name} not ready within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
