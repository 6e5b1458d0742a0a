// Builds restructuring's dist/ once before the crash test spawns it (membership's is built by turbo first:
// it is a dependency of this package's tests).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export default function setup(): void {
  const require = createRequire(import.meta.url);
  const tsc = require.resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: path.resolve(import.meta.dirname, "../.."), stdio: "inherit" });
}
