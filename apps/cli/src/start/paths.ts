// The repository the CLI runs from (the directory holding pnpm-workspace.yaml): `start` runs the built
// apps of this checkout, and reads the realm file from infra/.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | null = null;

export function repoRoot(): string {
  if (root) return root;
  for (const from of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = resolve(from);
    for (;;) {
      if (existsSync(join(dir, "pnpm-workspace.yaml"))) return (root = dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error("cannot find the orgboard repository (no pnpm-workspace.yaml above the CLI or the current directory)");
}

export const repoPath = (...parts: string[]) => join(repoRoot(), ...parts);
