#!/usr/bin/env node
// `pnpm test` runs the browser tests too when Debian's Chromium is installed (apt-get install chromium);
// without it they are reported as not run, never silently passed.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.log(`e2e: skipped — no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(0);
}
const r = spawnSync("playwright", ["test", "-c", "e2e/playwright.config.ts", ...process.argv.slice(2)], { stdio: "inherit", shell: false });
process.exit(r.status ?? 1);
