#!/usr/bin/env node
// Fails when a test file of some package would run in no CI stage, or only on one of the two runtimes.
//
// .ci/run runs the README's `npm test` (each package's `test` script) on Node 20 (embedded PGlite), then
// `test:unit` on Node 24, `test:integration` on Node 24 against PostgreSQL, and `test:sso` against Keycloak.
// So every test file (*.test.* / *.spec.* outside node_modules, dist, bench) must be run by its package's
// `test` script AND by one of `test:unit`, `test:integration`, `test:sso` — except the browser specs: what runs
// on Node in them is the services, whose own suites run on Node 24 in the PostgreSQL stage; against Keycloak
// (`test:sso`) run the specs tagged @keycloak, those whose sign-in, session or official differs with the provider
// (docs/decisions/0012-ci-time.md). A package's `test:sso` that runs browser specs must run at least one.
// Which files a script runs is asked of the runner itself (`vitest list --filesOnly`, `playwright test
// --list`) with the script's own arguments, so include/exclude patterns in configs count as they do in CI.
// A script command it cannot interpret fails the check rather than being assumed to run everything.
// A package's `test:security` (the security suite, its own step of .ci/run) names files of those stages: each
// name must match a file it runs, and each file it runs must be in one of the Node 24 stages.
// Usage: node scripts/check-test-coverage-of-stages.mjs (after `pnpm install`; no build needed).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const NODE24_SCRIPTS = ["test:unit", "test:integration", "test:sso", "test:national"];
// National-scale suites (the whole country's restructuring replayed): PostgreSQL only, in CI's PostgreSQL
// stage; too long for the README's `npm test` on the embedded database (docs/restructuring.md).
const NATIONAL_SCRIPT = "test:national";
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const SKIP_DIRS = new Set(["node_modules", "dist", "bench", ".turbo", "test-results", "coverage", "generated"]);

// Commands that wrap a runner: how to ask which files they run (relative to the package directory).
const WRAPPERS = {
  // apps/dashboard: checks for Chromium, then `playwright test -c e2e/playwright.config.ts`.
  // With arguments (`--grep @keycloak`), they are passed to the listing too.
  "node e2e/run.mjs": { playwright: "e2e/playwright.config.ts" },
  // apps/identity: with KEYCLOAK_URL, `vitest run test/flow.test.ts`.
  "tsx test/sso.ts": { vitest: "test/flow.test.ts" },
};

function testFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) testFiles(join(dir, e.name), out);
    } else if (TEST_FILE.test(e.name)) out.push(join(dir, e.name));
  }
  return out;
}

/** Runs `command` through the shell in `pkgDir`, with the package's binaries on PATH. */
function sh(pkgDir, command) {
  const PATH = [join(pkgDir, "node_modules", ".bin"), join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter);
  return spawnSync("sh", ["-c", command], { cwd: pkgDir, env: { ...process.env, PATH, CI: "true", FORCE_COLOR: "0", NO_COLOR: "1" }, encoding: "utf8" });
}

/** Browser specs found through a Playwright wrapper (absolute paths): exempt from the Node 24 rule (see above). */
const browserSpecs = new Set();

/** The absolute paths of the test files one command of a package script runs, or throws saying why not. */
function filesOf(pkgDir, command) {
  command = command.trim();
  let r;
  let fromPlaywright = null;
  const [wrapperKey, wrapperArgs] = Object.keys(WRAPPERS)
    .filter((k) => command === k || command.startsWith(`${k} `))
    .map((k) => [k, command.slice(k.length).trim()])[0] ?? [command, ""];
  const wrapper = WRAPPERS[wrapperKey];
  if (wrapper?.vitest && wrapperArgs) throw new Error(`cannot tell which test files \`${command}\` runs (arguments after a vitest wrapper)`);
  if (/^vitest run(\s|$)/.test(command)) r = sh(pkgDir, command.replace(/^vitest run/, "vitest list --filesOnly"));
  else if (wrapper?.vitest) r = sh(pkgDir, `vitest list --filesOnly ${wrapper.vitest}`);
  else if (wrapper?.playwright) {
    r = sh(pkgDir, `playwright test --list -c ${wrapper.playwright}${wrapperArgs ? ` ${wrapperArgs}` : ""}`);
    fromPlaywright = dirname(join(pkgDir, wrapper.playwright));
  } else throw new Error(`cannot tell which test files \`${command}\` runs (teach WRAPPERS in ${relative(root, fileURLToPath(import.meta.url))})`);
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) {
    if (/No test files found/.test(out)) return [];
    throw new Error(`\`${command}\` could not list its files (exit ${r.status}):\n${out.trim().split("\n").slice(-15).join("\n")}`);
  }
  const files = new Set();
  for (const line of r.stdout.split("\n")) {
    if (fromPlaywright) {
      // "  [chromium] › auth.spec.ts:12:3 › …" or "  auth.spec.ts:12:3 › …", relative to the config's directory
      const m = /(?:^|\s|›\s)([\w./-]+\.(?:test|spec)\.[cm]?[jt]sx?):\d+:\d+/.exec(line);
      if (m) {
        files.add(join(fromPlaywright, m[1]));
        browserSpecs.add(join(fromPlaywright, m[1]));
      }
    } else {
      const f = line.trim();
      if (f && TEST_FILE.test(f)) files.add(join(pkgDir, f));
    }
  }
  return [...files];
}

function filesOfScript(pkgDir, script) {
  // `a && b` runs both; `;`, `||`, pipes and the like are not expected in test scripts.
  if (/[;|]/.test(script.replace(/&&/g, ""))) throw new Error(`cannot interpret script \`${script}\``);
  return script.split("&&").flatMap((c) => filesOf(pkgDir, c));
}

const packages = ["apps", "packages"].flatMap((d) =>
  readdirSync(join(root, d), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, d, e.name, "package.json")))
    .map((e) => join(root, d, e.name)),
);

const problems = [];
let checked = 0;
let securityFiles = 0;
for (const pkgDir of packages) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const all = testFiles(pkgDir);
  if (all.length === 0) continue;
  const scripts = pkg.scripts ?? {};
  const runBy = {};
  for (const name of ["test", ...NODE24_SCRIPTS]) {
    if (!scripts[name]) continue;
    try {
      runBy[name] = new Set(filesOfScript(pkgDir, scripts[name]));
    } catch (e) {
      problems.push(`${pkg.name} ${name}: ${e.message}`);
    }
  }
  // The security suite (`test:security`, its own CI step) re-runs chosen files of the stages above by name: a
  // name that matches no file (renamed, moved) would silently shrink the suite, so each must exist and run.
  if (scripts["test:security"]) {
    try {
      const runs = new Set(filesOfScript(pkgDir, scripts["test:security"]));
      const named = scripts["test:security"].split(/\s+/).filter((a) => TEST_FILE.test(a)).map((a) => join(pkgDir, a));
      if (named.length === 0) problems.push(`${pkg.name} test:security: names no test file (it must list the files of the security suite)`);
      for (const f of named) if (!runs.has(f)) problems.push(`${relative(root, f).split(sep).join("/")}: named by ${pkg.name}'s "test:security" but not run by it (missing, or excluded by its config)`);
      for (const f of runs) {
        if (!NODE24_SCRIPTS.some((s) => runBy[s]?.has(f))) problems.push(`${relative(root, f).split(sep).join("/")}: in ${pkg.name}'s "test:security" but in none of its ${NODE24_SCRIPTS.join("/")} stages`);
      }
      securityFiles += runs.size;
    } catch (e) {
      problems.push(`${pkg.name} test:security: ${e.message}`);
    }
  }
  const specs = all.filter((f) => browserSpecs.has(f));
  if (specs.length > 0 && !specs.some((f) => runBy["test:sso"]?.has(f))) {
    problems.push(`${pkg.name}: has browser specs but its "test:sso" (the Keycloak stage) runs none of them (tag those whose sign-in differs with the provider @keycloak)`);
  }
  for (const file of all) {
    checked++;
    const rel = relative(root, file).split(sep).join("/");
    if (!runBy.test?.has(file) && !runBy[NATIONAL_SCRIPT]?.has(file)) problems.push(`${rel}: not run by ${pkg.name}'s "test" script (the README stage, Node 20)`);
    if (!browserSpecs.has(file) && !NODE24_SCRIPTS.some((s) => runBy[s]?.has(file))) {
      problems.push(`${rel}: run by none of ${pkg.name}'s ${NODE24_SCRIPTS.map((s) => `"${s}"`).join(", ")} (the Node 24, PostgreSQL and Keycloak stages)`);
    }
  }
}

// The stage scripts above must be what .ci/run really runs on Node 24.
const ci = readFileSync(join(root, ".ci", "run"), "utf8");
// The lines that run turbo with Node 24 first on PATH: the node24 stage (unit), the PostgreSQL
// stage (integration) and the Keycloak stage (SSO, browser), with PG_PATH holding Node 24 when the binary is there.
const node24Lines = ci.split("\n").filter((l) => !l.trimStart().startsWith("#") && /turbo run /.test(l) && /PATH="\$(NODE24_DIR\/bin:\$PATH|PG_PATH)"/.test(l));
for (const s of NODE24_SCRIPTS) if (!node24Lines.some((l) => new RegExp(`turbo run [^|]*\\b${s}\\b`).test(l))) problems.push(`.ci/run: no "turbo run" line with Node 24 on PATH runs "${s}"`);
if (!/PG_PATH="\$NODE24_DIR\/bin:\$PATH"/.test(ci)) problems.push(`.ci/run: the PostgreSQL stage does not put Node 24 on PG_PATH`);
if (securityFiles > 0 && !ci.split("\n").some((l) => /turbo run .*test:security/.test(l) && !l.trimStart().startsWith("#"))) {
  problems.push(`.ci/run: no "turbo run test:security" line runs the security suite`);
}

if (problems.length) {
  console.error(`test files that some CI stage does not run (${problems.length}):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`every one of ${checked} test files in ${packages.length} packages runs in "test" (Node 20) and in ${NODE24_SCRIPTS.join("/")} (Node 24, PostgreSQL, Keycloak); the security suite re-runs ${securityFiles} of them by name`);
