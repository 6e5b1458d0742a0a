#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/. Give a clear hint instead of a module-not-found
// stack when the package has not been built yet (e.g. a fresh clone running a service's "generate").
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error("orgboard-db: @orgboard/db is not built yet; run `pnpm --filter @orgboard/db build` (or `pnpm build`) first.");
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
