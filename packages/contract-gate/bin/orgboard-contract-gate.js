#!/usr/bin/env node
// Thin launcher: the gate is compiled TypeScript in dist/. Give a clear hint instead of a module-not-found
// stack when the package has not been built yet.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/main.js", import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error("orgboard-contract-gate: @orgboard/contract-gate is not built yet; run `pnpm --filter @orgboard/contract-gate build` (or `pnpm build`) first.");
  process.exit(1);
}
const { main } = await import(cli.href);
const code = await main(process.argv.slice(2));
// Exit once the output is flushed: a contract package's imports may leave timers or handles open.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
