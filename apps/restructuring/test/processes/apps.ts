// Real processes for the saga's process tests: an app started from its built dist/main.js on its own
// database (a PGlite directory, or a new PostgreSQL database on TEST_DATABASE_URL/DATABASE_URL), its stderr
// kept for the failure message, killed or stopped, started again on the same data.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { createScratchDatabase } from "@orgboard/db/testing";

export const ROOT = path.resolve(import.meta.dirname, "../../../..");

/** The test PostgreSQL server, or null for the embedded PGlite. */
export const testServer = (): string | null => process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;

export interface AppDatabase {
  /** DATA_DIR / DATABASE_URL for the app's environment */
  env: NodeJS.ProcessEnv;
  /** How the test opens the same database (while the app is stopped when embedded) */
  open: { dataDir: string } | { databaseUrl: string };
  drop(): Promise<void>;
}

export async function appDatabase(app: string, dir: string): Promise<AppDatabase> {
  const dataDir = path.join(dir, app);
  const server = testServer();
  if (!server) return { env: { DATABASE_URL: "", DATA_DIR: dataDir }, open: { dataDir }, drop: async () => {} };
  const { url, drop } = await createScratchDatabase(server, `${app}_proc`);
  return { env: { DATABASE_URL: url, DATA_DIR: dataDir }, open: { databaseUrl: url }, drop };
}

export interface App {
  readonly url: string;
  readonly child: ChildProcess | null;
  /** Its stderr since the last start (the tail). */
  log(): string;
  /** Starts it (extra variables for this start only) and waits until ready. */
  start(extra?: NodeJS.ProcessEnv): Promise<ChildProcess>;
  /** Resolves when the process has exited; answers the signal that ended it. */
  exited(): Promise<NodeJS.Signals | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function app(name: string, main: string, env: NodeJS.ProcessEnv): Promise<App> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = "";
  const exited = () => {
    const c = child;
    if (!c) return Promise.resolve(null);
    if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve(c.signalCode);
    return new Promise<NodeJS.Signals | null>((r) => c.once("exit", (_code, signal) => r(signal)));
  };
  return {
    url,
    get child() {
      return child;
    },
    log: () => log,
    async start(extra = {}) {
      log = "";
      const c = spawn(process.execPath, [path.join(ROOT, main)], { env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", ...env, PORT: String(port), ...extra }, stdio: ["ignore", "ignore", "pipe"] });
      c.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
      child = c;
      await waitForUrl(`${url}/readyz`, { process: c, timeoutMs: 120_000 }).catch((err: unknown) => {
        throw new Error(`${name} did not start: ${(err as Error).message}\n${log}`);
      });
      return c;
    },
    exited,
    async stop(signal = "SIGTERM") {
      if (child && child.exitCode === null && child.signalCode === null) {
        const done = exited();
        child.kill(signal);
        await done;
      }
    },
  };
}
