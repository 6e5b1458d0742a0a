import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { DbError } from "./errors.js";

/** The monorepo root: the nearest ancestor holding pnpm-workspace.yaml. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new DbError(
        "ORG_DB_NO_ROOT",
        `cannot find the repository root (pnpm-workspace.yaml) above ${from}; pass dataDir or set ORGBOARD_DATA_DIR`,
      );
    }
    dir = parent;
  }
}

const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

export function assertServiceName(service: string): void {
  if (!SERVICE_NAME.test(service)) {
    throw new DbError(
      "ORG_DB_BAD_SERVICE",
      `service name ${JSON.stringify(service)} is invalid: use lower-case letters, digits and dashes (e.g. "membership")`,
    );
  }
}

/**
 * Where a service's embedded PGlite lives: `$ORGBOARD_DATA_DIR/<service>` when that variable is set,
 * else `<repo root>/.data/<service>`.
 */
export function defaultDataDir(service: string, from?: string): string {
  assertServiceName(service);
  const base = process.env.ORGBOARD_DATA_DIR?.trim();
  if (base) return path.resolve(base, service);
  return path.join(findRepoRoot(from), ".data", service);
}

/** The service name of a folder: its package.json name without the scope ("@orgboard/membership" → "membership"). */
export function serviceNameFromPackage(dir: string): string {
  const file = path.join(dir, "package.json");
  if (existsSync(file)) {
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown };
    if (typeof pkg.name === "string" && pkg.name.length > 0) {
      const name = pkg.name.includes("/") ? pkg.name.slice(pkg.name.indexOf("/") + 1) : pkg.name;
      assertServiceName(name);
      return name;
    }
  }
  const name = path.basename(path.resolve(dir));
  assertServiceName(name);
  return name;
}

/** True for PGlite's in-memory data dir spellings ("memory://", "memory://name"). */
export function isMemoryDataDir(dataDir: string): boolean {
  return dataDir.startsWith("memory://");
}
