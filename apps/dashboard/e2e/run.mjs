#!/usr/bin/env node
// The browser tests, in Debian's Chromium (apt-get install chromium) or the one CHROMIUM_PATH names.
// Without it they fail, saying so: a test run that could not run them must not pass.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.error(
    `e2e: FAILED — no Chromium at ${chromium}, so the browser tests cannot run. ` +
      `Install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable.`,
  );
  process.exit(1);
}
const r = spawnSync("playwright", ["test", "-c", "e2e/playwright.config.ts", ...process.argv.slice(2)], { stdio: "inherit", shell: false });
if (r.error) console.error(`e2e: could not run playwright: ${r.error.message}`);
process.exit(r.status ?? 1);
