// Test and bench support shared by every app: a free TCP port, waiting for a URL to answer, waiting for
// a condition. Node only; for devDependencies (tests, benches, e2e stacks), never for a service's code.
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A TCP port that was free a moment ago on `host` (the OS picks it; bind it soon). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("freePort: no port assigned"))));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface WaitForUrlOptions {
  /** The process that should be serving it: its exit stops the wait at once. */
  process?: ChildProcess;
  /** How the errors name the server (default: the URL). */
  name?: string;
  /** Appended to the error messages, e.g. "; see .logs/identity.log". */
  hint?: string;
  /** Default 60 s. */
  timeoutMs?: number;
  /** Between attempts (default 200 ms). */
  intervalMs?: number;
  /** Per request (default 2 s). */
  requestTimeoutMs?: number;
}

/** Resolves once `url` answers with a status below 500; throws on timeout or when `process` exits. */
export async function waitForUrl(url: string, opts: WaitForUrlOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const name = opts.name ?? url;
  const hint = opts.hint ?? "";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const code = opts.process?.exitCode;
    if (code !== undefined && code !== null) throw new Error(`${name} exited with ${code}${hint}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(opts.requestTimeoutMs ?? 2000) })).status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(opts.intervalMs ?? 200);
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms${hint}`);
}

/** Resolves once `cond()` is true; throws after `timeoutMs` (default 10 s) naming `what`. */
export async function until(cond: () => boolean, timeoutMs = 10_000, what = "condition", intervalMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
