#!/usr/bin/env node
// Makes `npm start` / `npm test` (and `pnpm start` / `pnpm test`) work on a fresh machine with only Node:
// it finds the pinned pnpm (through corepack, whose signature check fails against some registries, so
// COREPACK_INTEGRITY_KEYS=0 is set for it; or an installed pnpm of the pinned version), installs the
// workspace from the lockfile, then runs the requested task. See docs/runbooks/setup.md.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager; // "pnpm@x.y.z"
const version = pinned.split("@")[1];
const task = process.argv[2];
const rest = process.argv.slice(3);

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`orgboard needs Node >= 20.19 (this is ${process.versions.node}).`);
  process.exit(1);
}

const env = { ...process.env, COREPACK_INTEGRITY_KEYS: process.env.COREPACK_INTEGRITY_KEYS ?? "0", COREPACK_ENABLE_DOWNLOAD_PROMPT: "0" };

function tryRun(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: root, env, stdio: "inherit", ...opts });
}
function works(cmd, args) {
  const r = spawnSync(cmd, [...args, "--version"], { cwd: root, env, encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === version;
}

let pnpm;
if (process.env.npm_execpath?.includes("pnpm") && works("pnpm", [])) pnpm = ["pnpm"];
else if (works("pnpm", [])) pnpm = ["pnpm"];
else if (works("corepack", ["pnpm"])) pnpm = ["corepack", "pnpm"];
else if (works("npx", ["--yes", `pnpm@${version}`])) pnpm = ["npx", "--yes", `pnpm@${version}`];
else {
  console.error(`Could not run pnpm ${version}. Install it with: npm i -g pnpm@${version}`);
  process.exit(1);
}
const run = (args) => {
  const r = tryRun(pnpm[0], [...pnpm.slice(1), ...args]);
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(["install", "--frozen-lockfile", "--prefer-offline"]);
switch (task) {
  case "start":
    run(["turbo", "run", "build", "--output-logs=errors-only"]);
    run(["--filter", "@orgboard/cli", "run", "orgboard", "start", ...rest]);
    break;
  case "test":
    run(["turbo", "run", "build", "--output-logs=errors-only"]);
    run(["turbo", "run", "typecheck", "lint", "--output-logs=errors-only"]);
    // --continue: one failing suite must not hide the results of the others (the exit code still fails).
    run(["turbo", "run", "test", "--concurrency=1", "--continue", ...rest]);
    break;
  default:
    console.error(`usage: bootstrap.mjs start|test`);
    process.exit(2);
}
