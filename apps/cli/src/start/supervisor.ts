// One child process per service (each is its own deployable process), their output line by line with a
// name prefix, readiness waits, and one way down: Ctrl-C/SIGTERM, or any child dying, stops them all in
// reverse start order (SIGTERM, then SIGKILL after a grace period).
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const COLORS = [36, 35, 33, 32, 34, 31];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/**
 * Services log pino JSON (one object a line, for log shippers); on a terminal a short readable line is
 * kinder. Hand-written rather than pino-pretty: it is a dozen lines and the CLI already shows the name.
 */
/**
 * A child's environment: ours without the launcher's own ORGBOARD_* settings (docs/configuration.md: no app
 * reads them, and identity refuses its old ORGBOARD_IDENTITY_* names), plus what the launcher gives it.
 */
export function childEnv(parent: NodeJS.ProcessEnv, own: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(parent)) if (!k.startsWith("ORGBOARD_")) env[k] = v;
  return { ...env, ...own };
}

export function formatLogLine(line: string, showRequests = process.env.ORGBOARD_LOG_REQUESTS === "1"): string | null {
  if (!line.startsWith("{")) return line;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, msg, time, pid: _pid, hostname: _host, service: _service, name: _name, ...rest } = o;
  // One line per successful request would bury everything else while a simulation runs.
  if (!showRequests && msg === "request" && typeof rest.status === "number" && rest.status < 400) return null;
  const lvl = typeof level === "number" ? (LEVELS[level] ?? String(level)) : typeof level === "string" ? level : "info";
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const when = typeof time === "number" ? new Date(time).toTimeString().slice(0, 8) + " " : "";
  const text = `${when}${lvl === "info" ? "" : `${lvl.toUpperCase()} `}${typeof msg === "string" ? msg : JSON.stringify(msg ?? "")}${extras ? ` ${extras}` : ""}`;
  return lvl === "error" || lvl === "fatal" ? paint(31, text) : lvl === "warn" ? paint(33, text) : text;
}

export interface ChildSpec {
  name: string;
  /** Node script (absolute path) and its arguments. */
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

interface Running {
  spec: ChildSpec;
  proc: ChildProcess;
  exited: Promise<void>;
}

export class Supervisor {
  private readonly children: Running[] = [];
  private stopping = false;
  private readonly width: number;
  /** Called once when a child exits while we were not stopping. */
  onUnexpectedExit: (name: string, code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;

  constructor(names: readonly string[]) {
    this.width = Math.max(...names.map((n) => n.length), 8);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  prefix(name: string): string {
    const i = [...name].reduce((h, ch) => h + ch.charCodeAt(0), 0) % COLORS.length;
    return paint(COLORS[i]!, `${name.padEnd(this.width)} │`);
  }

  log(name: string, line: string): void {
    process.stdout.write(`${this.prefix(name)} ${line}\n`);
  }

  start(spec: ChildSpec): ChildProcess {
    // Own process group: a terminal's Ctrl-C reaches only us, and we stop the children in order.
    const proc = spawn(process.execPath, spec.args, { cwd: spec.cwd, env: childEnv(process.env, spec.env), stdio: ["ignore", "pipe", "pipe"], detached: true });
    for (const stream of [proc.stdout, proc.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        const text = formatLogLine(line);
        if (text !== null) this.log(spec.name, text);
      });
    }
    const exited = new Promise<void>((resolve) => {
      proc.once("exit", (code, signal) => {
        resolve();
        if (!this.stopping) this.onUnexpectedExit(spec.name, code, signal);
      });
      proc.once("error", (err) => {
        this.log(spec.name, paint(31, `could not start: ${err.message}`));
        resolve();
        if (!this.stopping) this.onUnexpectedExit(spec.name, null, null);
      });
    });
    this.children.push({ spec, proc, exited });
    this.log(spec.name, paint(2, `process ${proc.pid} started`));
    return proc;
  }

  /** Polls `url` until it answers below 500; fails early if the child exits. */
  async waitReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
    const child = this.children.find((c) => c.spec.name === name);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) throw new Error("stopping");
      if (child && child.proc.exitCode !== null) throw new Error(`${name} exited (code ${child.proc.exitCode}) before it was ready`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        if (res.status < 500) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} did not become ready within ${Math.round(timeoutMs / 1000)} s (${url})`);
  }

  /** Stops every child, last started first. A second call (second Ctrl-C) kills what is left at once. */
  async stopAll(graceMs = 10_000): Promise<void> {
    if (this.stopping) {
      for (const c of this.children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
      return;
    }
    this.stopping = true;
    for (const c of [...this.children].reverse()) {
      if (c.proc.exitCode !== null || c.proc.signalCode !== null) continue;
      c.proc.kill("SIGTERM");
      const timer = setTimeout(() => {
        this.log(c.spec.name, paint(33, `did not stop within ${graceMs / 1000} s; killing it`));
        c.proc.kill("SIGKILL");
      }, graceMs);
      await c.exited;
      clearTimeout(timer);
    }
  }

  /** Last resort when this process exits abruptly: no child outlives it. */
  killAllNow(): void {
    for (const c of this.children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  }
}
