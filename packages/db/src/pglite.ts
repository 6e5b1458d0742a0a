import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { PGlite, type PGliteOptions } from "@electric-sql/pglite";

import { DbError } from "./errors.js";
import type { SqlSession } from "./migrations/session.js";
import { isMemoryDataDir } from "./paths.js";

/** int8 as bigint, like the PostgreSQL path (PGlite's default turns it into a lossy number). */
export const pgliteParsers = { 20: (value: string) => BigInt(value) };

let emptySnapshot: Promise<Blob | null> | undefined;

function snapshotFile(): string {
  // The package's exports hide package.json: find it from the entry point.
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  return path.join(packageDir, "node_modules", ".cache", "orgboard-db", `pglite-${version}-empty.tar`);
}

/**
 * A freshly initialised PGlite data directory as a tar, cached on disk. Booting from it skips PGlite's
 * initdb (about two thirds of its start-up CPU), which every in-memory database (tests, `migrate create`
 * and its shadow database) would otherwise pay. Null when it cannot be made; callers then boot normally.
 */
function emptyDataDirSnapshot(): Promise<Blob | null> {
  emptySnapshot ??= (async () => {
    const file = snapshotFile();
    const cached = await readFile(file).catch(() => null);
    if (cached) return new Blob([cached]);
    const fresh = await PGlite.create();
    try {
      const blob = await fresh.dumpDataDir("none");
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        await writeFile(tmp, Buffer.from(await blob.arrayBuffer()));
        await rename(tmp, file); // atomic: concurrent processes never read a half-written file
      } catch {
        await rm(tmp, { force: true });
      }
      return blob;
    } finally {
      await fresh.close();
    }
  })().catch((error: unknown) => {
    if (process.env.ORGBOARD_DB_DEBUG) console.error("orgboard-db: no PGlite snapshot:", error);
    return null;
  });
  return emptySnapshot;
}

/** A new in-memory PGlite, booted from the cached empty data directory when possible. */
export async function createMemoryPGlite(options: PGliteOptions = {}): Promise<PGlite> {
  const snapshot = await emptyDataDirSnapshot();
  if (snapshot) {
    try {
      return await PGlite.create({ ...options, loadDataDir: snapshot });
    } catch {
      // A damaged cache file: drop it and boot the slow way.
      await rm(snapshotFile(), { force: true });
    }
  }
  return PGlite.create(options);
}

interface Entry {
  pglite: PGlite;
  refs: number;
  lockFile: string | null;
  /** Serializes migration runs inside this process (PGlite is one session, so the advisory lock is re-entrant). */
  migrating: Promise<unknown>;
}

// One PGlite per data directory per process: PGlite is a single-user PostgreSQL, and two instances on one
// directory would corrupt it.
const open = new Map<string, Promise<Entry>>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A `<dataDir>.lock` file holding our pid, so that a second process (another `pnpm start`, or
 * `orgboard-db migrate apply` while the service runs) gets a clear error instead of corrupting the directory.
 */
function takeLock(dataDir: string): string {
  const lockFile = `${dataDir}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(lockFile, "utf8").trim(), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new DbError(
          "ORG_DB_PGLITE_BUSY",
          `the embedded database ${dataDir} is in use by process ${pid}; stop it first (or set DATABASE_URL to use a PostgreSQL server)`,
        );
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new DbError("ORG_DB_PGLITE_BUSY", `cannot lock the embedded database ${dataDir} (${lockFile})`);
}

export interface PGliteHandle {
  pglite: PGlite;
  dataDir: string;
  /** Runs `work` after any migration run of this instance in this process has finished. */
  serialize<T>(work: () => Promise<T>): Promise<T>;
  release(): Promise<void>;
}

/**
 * Opens (or shares) the PGlite of a data directory. In-memory directories (`memory://`) are never shared:
 * each call gets a fresh database, which is what tests want.
 */
export async function acquirePGlite(dataDir: string): Promise<PGliteHandle> {
  const memory = isMemoryDataDir(dataDir);
  const key = memory ? `${dataDir}#${Math.random()}` : path.resolve(dataDir);
  let pending = open.get(key);
  if (!pending) {
    pending = (async () => {
      const lockFile = memory ? null : takeLock(key);
      try {
        if (!memory) mkdirSync(key, { recursive: true });
        const pglite = memory
          ? await createMemoryPGlite({ parsers: pgliteParsers })
          : await PGlite.create(key, { parsers: pgliteParsers });
        return { pglite, refs: 0, lockFile, migrating: Promise.resolve() } satisfies Entry;
      } catch (error) {
        if (lockFile) rmSync(lockFile, { force: true });
        throw error instanceof DbError
          ? error
          : new DbError("ORG_DB_PGLITE_OPEN", `cannot open the embedded database ${key}: ${(error as Error).message}`, {
              cause: error,
            });
      }
    })();
    open.set(key, pending);
    pending.catch(() => open.delete(key));
  }
  const entry = await pending;
  entry.refs++;
  let released = false;
  return {
    pglite: entry.pglite,
    dataDir: memory ? dataDir : key,
    serialize<T>(work: () => Promise<T>): Promise<T> {
      const run = entry.migrating.then(work, work);
      entry.migrating = run.catch(() => undefined);
      return run;
    },
    async release() {
      if (released) return;
      released = true;
      entry.refs--;
      if (entry.refs > 0) return;
      open.delete(key);
      try {
        await entry.pglite.close();
      } finally {
        if (entry.lockFile) rmSync(entry.lockFile, { force: true });
      }
    },
  };
}

export function pgliteSession(pglite: PGlite, location: string): SqlSession {
  return {
    kind: "pglite",
    location,
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await pglite.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(script: string) {
      await pglite.exec(script);
    },
  };
}
