#!/usr/bin/env node
// Makes `npm start` / `npm test` (and `pnpm start` / `pnpm test`) work on a fresh machine with only Node:
// it finds the pinned pnpm (an installed pnpm of the pinned version; else corepack, whose signature check
// fails against some registries, so COREPACK_INTEGRITY_KEYS=0 is set for it; else `npx pnpm@<pinned>`),
// installs the workspace from the lockfile, then runs the requested task. See docs/runbooks/setup.md.
//
// Turborepo, and the package scripts it runs, call a `pnpm` executable by name. When pnpm is not
// installed, a one-line `pnpm` shim under node_modules/.cache/orgboard-pnpm/ (never in the repository)
// runs the pnpm found above, and that directory comes first on the PATH of every child.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { delimiter, dirname, isAbsolute, join } from "node:path";
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
if (task !== "start" && task !== "test") {
  console.error(`usage: bootstrap.mjs start|test`);
  process.exit(2);
}

const shimDir = join(root, "node_modules", ".cache", "orgboard-pnpm");
const env = {
  ...process.env,
  COREPACK_INTEGRITY_KEYS: process.env.COREPACK_INTEGRITY_KEYS ?? "0",
  COREPACK_ENABLE_DOWNLOAD_PROMPT: "0",
};

function works(cmd, args) {
  const r = spawnSync(cmd, [...args, "--version"], { cwd: root, env, encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === version;
}
/** The absolute path of an executable on PATH, or null. */
function which(name) {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const file = join(dir, name);
    if (existsSync(file)) return file;
  }
  return null;
}
const sq = (s) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The command that runs the pinned pnpm, as an argv prefix, and whether a shim must stand for it. */
function findPnpm() {
  if (works("pnpm", [])) return { argv: ["pnpm"], shim: false };
  const corepack = which("corepack");
  if (corepack && works(corepack, ["pnpm"])) {
    // Run corepack's script with this Node, so the shim does not depend on `node` being on PATH.
    return { argv: [process.execPath, realpathSync(corepack), "pnpm"], shim: true };
  }
  if (works("npx", ["--yes", `pnpm@${version}`])) {
    // npx has unpacked pnpm into its cache: run that copy directly rather than through npx every time.
    const r = spawnSync("npm", ["exec", "--yes", `--package=pnpm@${version}`, "-c", "command -v pnpm"], { cwd: root, env, encoding: "utf8" });
    const bin = r.status === 0 ? r.stdout.trim().split("\n").pop() : "";
    if (bin && isAbsolute(bin) && existsSync(bin)) return { argv: [realpathSync(bin)], shim: true };
    return { argv: [which("npx") ?? "npx", "--yes", `pnpm@${version}`], shim: true };
  }
  return null;
}

const pnpm = findPnpm();
if (!pnpm) {
  console.error(
    `Could not run pnpm ${version}: no installed pnpm of that version, and neither \`corepack pnpm\` nor ` +
      `\`npx pnpm@${version}\` worked (is the npm registry reachable?). See docs/runbooks/setup.md.`,
  );
  process.exit(1);
}

/** (Re)writes the shim; `pnpm install` may recreate node_modules/, so it is checked before every step. */
function ensureShim() {
  if (!pnpm.shim) return;
  const file = join(shimDir, "pnpm");
  const body =
    "#!/bin/sh\n" +
    `# Written by scripts/bootstrap.mjs: pnpm ${version} for turbo and the scripts it runs.\n` +
    'export COREPACK_INTEGRITY_KEYS="${COREPACK_INTEGRITY_KEYS-0}" COREPACK_ENABLE_DOWNLOAD_PROMPT=0\n' +
    `exec ${pnpm.argv.map(sq).join(" ")} "$@"\n`;
  if (existsSync(file) && readFileSync(file, "utf8") === body) return;
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(file, body);
  chmodSync(file, 0o755);
}
if (pnpm.shim) env.PATH = `${shimDir}${delimiter}${env.PATH ?? ""}`;

/**
 * Runs a command and resolves with its exit code. Ctrl-C reaches the child from the terminal (same
 * process group), so this process waits for the child to finish its own shutdown instead of dying first;
 * SIGTERM and SIGHUP, which usually target one process, are passed on.
 */
function runChild(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
    const onInt = () => {};
    const forward = (sig) => child.kill(sig);
    process.on("SIGINT", onInt);
    process.on("SIGTERM", forward);
    process.on("SIGHUP", forward);
    const done = (code) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", forward);
      process.off("SIGHUP", forward);
      resolve(code);
    };
    child.on("error", (e) => {
      console.error(`could not run ${cmd}: ${e.message}`);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? 128 + (constants.signals[signal] ?? 1)));
  });
}
async function run(args) {
  ensureShim();
  const [cmd, ...pre] = pnpm.shim ? [join(shimDir, "pnpm")] : pnpm.argv;
  const code = await runChild(cmd, [...pre, ...args]);
  if (code !== 0) process.exit(code);
}

console.error(
  pnpm.shim
    ? `bootstrap: pnpm ${version} through \`${pnpm.argv.join(" ")}\` (for turbo and the package scripts: ${join(shimDir, "pnpm")})`
    : `bootstrap: pnpm ${version} (installed)`,
);
await run(["install", "--frozen-lockfile", "--prefer-offline"]);
await run(["turbo", "run", "build", "--output-logs=errors-only"]);
if (task === "start") {
  // The built CLI itself, not through `pnpm run`, which reports a script stopped by Ctrl-C as failed
  // (ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL) even when it shut down cleanly.
  process.exit(await runChild(process.execPath, [join(root, "apps", "cli", "dist", "main.js"), "start", ...rest]));
} else {
  await run(["turbo", "run", "typecheck", "lint", "--output-logs=errors-only"]);
  // --continue: one failing suite must not hide the results of the others (the exit code still fails).
  // Two packages at a time: most suites run their files one after another in one process, so on a 2-core
  // machine one core idled a quarter of the time (vmstat); more would only add contention and memory.
  await run(["turbo", "run", "test", "--concurrency=2", "--continue", ...rest]);
}
