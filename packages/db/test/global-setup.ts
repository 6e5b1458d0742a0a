import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The CLI tests run the real `bin/orgboard-db.js`, which loads dist/: build it (incremental, so quick when
 * nothing changed). Then generate the fixture's Prisma client the way a service does.
 */
export default function setup(): void {
  rmSync(path.join(packageDir, "test", ".tmp"), { recursive: true, force: true });
  const require = createRequire(import.meta.url);
  const tsc = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: packageDir, stdio: "inherit" });
  execFileSync(process.execPath, [path.join(packageDir, "bin", "orgboard-db.js"), "generate"], {
    cwd: path.join(packageDir, "test", "fixture"),
    stdio: "pipe",
  });
}
