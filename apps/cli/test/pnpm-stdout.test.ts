// `pnpm orgboard report … --json > f` wrote pnpm's own banner ("> orgboard@ orgboard …") into f (issue #10,
// finding 6). The README's form is `pnpm -s orgboard …` whenever stdout is kept: this runs that very form
// through pnpm from the repository root (a real process, the embedded database) and parses stdout as JSON.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@orgboard/membership";

const ROOT = path.resolve(import.meta.dirname, "../../..");
let env: NodeJS.ProcessEnv;
let pg: TestDatabase | null = null;

function pnpm(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("pnpm", args, { env, cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orgboard-pnpm-"));
  env = { ...process.env, ORGBOARD_DATA_DIR: path.join(dir, "data"), ORGBOARD_DEBUG: "" };
  delete env.DATABASE_URL;
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) {
    pg = await openTestDatabase();
    env.DATABASE_URL = pg.url;
  }
});
afterAll(async () => {
  await pg?.close();
});

describe("pnpm orgboard … --json > f", () => {
  it("the README writes every redirected form as `pnpm -s orgboard`", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const redirected = [...readme.matchAll(/`(pnpm[^`]*orgboard[^`]* > [^`]*)`/g)].map((m) => m[1]!);
    expect(redirected.length).toBeGreaterThan(0);
    for (const form of redirected) expect(form).toMatch(/^pnpm -s orgboard /);
  });

  it("`pnpm -s orgboard … --json` prints pure JSON on stdout", async () => {
    const r = await pnpm(["-s", "orgboard", "operator", "report", "annual", "--org", "/", "--year", "2024", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimStart().startsWith("{")).toBe(true);
    expect(JSON.parse(r.stdout)).toMatchObject({ orgPath: "/", year: 2024, closed: null, amendments: [] });
  });
});
