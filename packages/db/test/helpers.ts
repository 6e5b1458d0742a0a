import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { createScratchDatabase } from "../src/testing.js";

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const fixtureDir = path.join(packageDir, "test", "fixture");
export const fixtureMigrations = path.join(fixtureDir, "prisma", "migrations");
export const binPath = path.join(packageDir, "bin", "orgboard-db.js");

/** The PostgreSQL server to test against, if any (start one with scripts/start-postgres.sh). */
export const pgServerUrl = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim() || undefined;

/** A new scratch directory under test/.tmp (git-ignored; emptied by the global setup). */
export function tmpDir(prefix: string): string {
  const base = path.join(packageDir, "test", ".tmp");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `${prefix}-`));
}

/** A scratch service folder (inside the repo, so module resolution and the repo-root walk behave as in apps/). */
export function scratchService(options: { schema?: "v1" | "v2"; migrations?: boolean } = {}): string {
  const dir = tmpDir("svc");
  mkdirSync(path.join(dir, "prisma"), { recursive: true });
  cpSync(path.join(fixtureDir, "package.json"), path.join(dir, "package.json"));
  cpSync(path.join(fixtureDir, `schema-${options.schema ?? "v2"}.prisma`), path.join(dir, "prisma", "schema.prisma"));
  if (options.migrations) cpSync(fixtureMigrations, path.join(dir, "prisma", "migrations"), { recursive: true });
  return dir;
}

export function writeMigration(serviceDir: string, name: string, sql: string): string {
  const dir = path.join(serviceDir, "prisma", "migrations", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  return path.join(dir, "migration.sql");
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process. DATABASE_URL is only what `env` says (never inherited). */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: undefined, TEST_DATABASE_URL: undefined };
  for (const [key, value] of Object.entries(env)) childEnv[key] = value;
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  return new Promise((resolve) => {
    execFile(process.execPath, [binPath, ...args], { cwd, env: childEnv, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A new empty database on the test server; `drop()` removes it. */
export async function freshPgDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!pgServerUrl) throw new Error("no PostgreSQL server configured");
  return createScratchDatabase(pgServerUrl, `orgboard_dbtest_${label}`);
}

export async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgServerUrl });
  await client.connect();
  try {
    const result = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

/** No stack trace lines in CLI output. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /^\s+at .+:\d+:\d+$/m.test(text);
}
