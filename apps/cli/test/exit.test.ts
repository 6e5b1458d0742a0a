// How the executable ends (stop 22's CI). A CLI that let its event loop run dry exited "naturally": Node then
// closes its signal handles, SIGINT's default action comes back, and a Ctrl-C in the last milliseconds killed
// a process whose seed had been committed (exit by signal, read by a caller as "nothing written"). The CLI
// now ends with process.exit after flushing its output: this preloads a probe that reports a natural exit
// ('beforeExit', which process.exit never fires) and runs the CLI's kinds of ending through it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
/** Preloaded: 'beforeExit' fires only when the event loop runs dry, never on process.exit. */
const PROBE = `data:text/javascript,${encodeURIComponent('process.on("beforeExit", () => process.stderr.write("\\nNATURAL_EXIT\\n"));')}`;
let dir: string;

function cli(args: string[], options: { slowReaderMs?: number } = {}): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ORGBOARD_DATA_DIR: path.join(dir, "data"), ORGBOARD_EMBEDDED_BACKUP: "off", ORGBOARD_DEBUG: "" };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", PROBE, MAIN, ...args], { env, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    // A reader that takes its time: what the CLI printed must all arrive although it exits explicitly.
    if (options.slowReaderMs) {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), options.slowReaderMs);
    }
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-exit-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the executable ends with an explicit exit, never by its event loop running dry", () => {
  it("after work on the database (its SIGINT handler installed): exit 0, all output delivered", async () => {
    const r = await cli(["operator", "report", "annual", "--org", "/", "--year", "2024", "--json"], { slowReaderMs: 300 });
    expect(r.stderr).not.toContain("NATURAL_EXIT");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ orgPath: "/", year: 2024 });
  });

  it("after bad input: its exit code (2), the field named", async () => {
    const r = await cli(["operator", "report", "annual", "--org", "/", "--year", "abc"]);
    expect(r.stderr).not.toContain("NATURAL_EXIT");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--year");
  });

  it("after help: exit 0", async () => {
    const r = await cli(["--help"]);
    expect(r.stderr).not.toContain("NATURAL_EXIT");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("orgboard");
  });
});
