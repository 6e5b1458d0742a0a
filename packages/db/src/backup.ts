// A verified copy of an embedded (PGlite) data directory, taken before bulk work (#11). PGlite runs
// PostgreSQL with fsync off (`-F`) on Node's file system: a committed transaction's WAL is written to the
// OS when it commits, so it survives the process being killed (the kill suite tests that), but nothing is
// flushed to the disk itself, so a power loss or an OS crash can lose recent commits or leave the directory
// unrecoverable. The copy is the way back: docs/runbooks/embedded-durability.md.
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

import { DbError } from "./errors.js";

export interface EmbeddedBackup {
  /** The verified copy: `<dataDir>.backup` */
  dir: string;
  bytes: number;
  milliseconds: number;
}

function sizeOf(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, e) => n + sizeOf(`${path}/${e}`), 0) : s.size;
}

/**
 * CHECKPOINT (every committed change into the data files), copy the directory while nothing writes (the
 * caller holds the only instance and awaits this), open the copy in a second PGlite and run `verify`
 * there (default: the catalog answers), then replace the previous backup with it. Throws, leaving the
 * previous backup in place, when the copy does not open or verify.
 */
export async function backupPGliteDataDir(pglite: PGlite, dataDir: string, verify = "SELECT count(*) FROM pg_class"): Promise<EmbeddedBackup> {
  const started = Date.now();
  const dir = `${dataDir}.backup`;
  // One process holds the directory (its lock), so one fixed name: a copy left by a killed run is replaced.
  const tmp = `${dataDir}.backup-tmp`;
  rmSync(tmp, { recursive: true, force: true });
  await pglite.exec("CHECKPOINT");
  try {
    cpSync(dataDir, tmp, { recursive: true });
    const copy = await PGlite.create(tmp);
    try {
      await copy.query(verify);
    } finally {
      await copy.close();
    }
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw new DbError("ORG_DB_BACKUP", `the backup copy of ${dataDir} did not verify: ${(error as Error).message}`, { cause: error });
  }
  // Never a moment without a verified copy on disk: the old one goes only once the new one is in place.
  const old = `${dataDir}.backup-old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
  return { dir, bytes: sizeOf(dir), milliseconds: Date.now() - started };
}
