// Opens the membership database the way the service does (0001): DATABASE_URL ⇒ PostgreSQL, otherwise
// the embedded PGlite in .data/membership/ at the repository root, so the CLI and the server share it.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "./migrate.js";
import { connect, type Database } from "./sql.js";

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** apply pending migrations first (default true) */
  migrate?: boolean;
}

/** `.data/membership` under the repository root (the directory holding pnpm-workspace.yaml). */
export function membershipDataDir(from = process.cwd()): string {
  if (process.env.ORGBOARD_DATA_DIR) return path.join(process.env.ORGBOARD_DATA_DIR, "membership");
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return path.join(dir, ".data", "membership");
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from, ".data", "membership");
    dir = parent;
  }
}

export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * The same `<dataDir>.lock` (holding a pid) that @orgboard/db takes for the service's PGlite: two
 * processes on one PGlite directory would corrupt it, so the CLI refuses while the service runs.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number.parseInt(readFileSync(lockFile, "utf8").trim(), 10);
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw new DatabaseBusyError(
          `the embedded database ${dataDir} is in use by process ${pid} (is the membership service running?); stop it or set DATABASE_URL`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseBusyError(`cannot lock the embedded database ${dataDir}`);
}

export async function openMembershipDatabase(options: OpenOptions = {}): Promise<Database> {
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  let dataDir: string | undefined;
  let unlock = () => undefined as void;
  if (!databaseUrl) {
    dataDir = options.dataDir ?? membershipDataDir();
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    const db = await connect({ databaseUrl, dataDir, poolSize: 6 });
    if (options.migrate ?? true) await applyMigrations(db);
    const close = db.close.bind(db);
    db.close = async () => {
      try {
        await close();
      } finally {
        unlock();
      }
    };
    return db;
  } catch (e) {
    unlock();
    throw e;
  }
}
