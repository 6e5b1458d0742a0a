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
const code = await main(process.argv.slice(2));
// Exit as soon as the output is flushed: PGlite's wasm leaves a 10 s interval timer armed after close,
// which would otherwise hold every command open for up to ten seconds.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
