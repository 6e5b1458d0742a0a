// Builds personnel's dist/ once before the cross-service tests spawn it (identity's, membership's and inspection's are
// built by turbo first: they are dependencies of this package).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export default function setup(): void {
  const require = createRequire(import.meta.url);
  const tsc = require.resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: path.resolve(import.meta.dirname, "../.."), stdio: "inherit" });
}
