// Opens the membership database the way the service does (0001): DATABASE_URL ⇒ PostgreSQL, otherwise
// the embedded PGlite in .data/membership/ at the repository root, so the CLI and the server share it.
import { existsSync, mkdirSync } from "node:fs";
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

export async function openMembershipDatabase(options: OpenOptions = {}): Promise<Database> {
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  let dataDir: string | undefined;
  if (!databaseUrl) {
    dataDir = options.dataDir ?? membershipDataDir();
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await connect({ databaseUrl, dataDir });
  if (options.migrate ?? true) await applyMigrations(db);
  return db;
}
