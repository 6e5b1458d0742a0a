#!/usr/bin/env node
// Runs the README's start command the way a developer does, and proves it: usage
//   node .ci/start-until-ready.mjs [--timeout SECONDS] -- npm start
// The command runs in a process group of its own (a terminal's foreground job). Its output is passed
// through; from the banner that `orgboard start` prints once everything is up, it takes the URL of every
// part and checks each one answers: the services' /readyz (membership, conference, inspection, personnel, restructuring, realtime), the identity
// provider's OpenID configuration and the dashboard's page and config.json. Then it presses Ctrl-C (SIGINT
// to the whole group) and checks that the command ends within a minute, that `orgboard start` reported
// stopping everything ("stopped") without killing a service that overran its grace period, that no process of
// the group or in the repository is left, and that the ports are closed. The command's own status may be 0,
// 130 or death by SIGINT: npm re-raises the Ctrl-C it received after its script has finished, as a shell
// expects of a program interrupted by Ctrl-C.
// Exits 0 only if all of that holds; on a time-out it stops the command (SIGINT, then SIGKILL) and fails.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
let timeoutS = 1800;
if (argv[0] === "--timeout") {
  timeoutS = Number(argv[1]);
  argv.splice(0, 2);
}
if (argv[0] === "--") argv.shift();
if (argv.length === 0 || !(timeoutS > 0)) {
  console.error("usage: start-until-ready.mjs [--timeout SECONDS] -- COMMAND...");
  process.exit(2);
}

const t0 = Date.now();
const elapsed = () => `${Math.round((Date.now() - t0) / 1000)}s`;
const say = (line) => process.stdout.write(`[start-until-ready ${elapsed()}] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const child = spawn(argv[0], argv.slice(1), { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
const pgid = child.pid;
const startTicks = Number(statOf(pgid)[19]);
let exit = null; // { code, signal } once it has exited
const exited = new Promise((res) => child.on("exit", (code, signal) => res((exit = { code, signal }))));
child.on("error", (e) => {
  say(`could not run ${argv.join(" ")}: ${e.message}`);
  process.exit(1);
});

// Banner rows, e.g. " Membership        http://127.0.0.1:3001/trpc" (colours stripped).
const urls = {};
let bannerSeen = false;
let stoppedSeen = false; // `orgboard start` said "stopped": every service it started has exited
const killed = []; // services it had to kill after their grace period
let buffered = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  buffered += chunk.toString("utf8");
  const lines = buffered.split("\n");
  buffered = lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
    if (/^\s*orgboard is running\s*$/.test(line)) bannerSeen = true;
    if (/^orgboard\s+│ stopped\s*$/.test(line)) stoppedSeen = true;
    if (/│ did not stop within .*; killing it/.test(line)) killed.push(line.split("│")[0].trim());
    // A table row: the name, then the padding (two spaces or more) before its URL; so that a hint line
    // such as " Inspection report: …" is not read as the Inspection row.
    const m = /^ (Dashboard|Identity \(realm\)|Membership|Conference|Inspection|Personnel|Restructuring|Realtime) {2,}(\S+)/.exec(line);
    if (bannerSeen && m) urls[m[1]] = m[2];
  }
});
child.stderr.on("data", (chunk) => process.stderr.write(chunk));

/** One check: resolves with null when `url` answers as expected, else with what went wrong. */
async function check(url, expect = (r) => r.status === 200) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await r.arrayBuffer();
    return expect(r) ? null : `HTTP ${r.status}`;
  } catch (e) {
    return e.cause?.code ?? e.message;
  }
}
function checksFromBanner() {
  const base = (u) => u.replace(/\/trpc\/?$/, "").replace(/\/$/, "");
  const checks = [];
  for (const part of ["Membership", "Conference", "Inspection", "Personnel", "Restructuring", "Realtime"]) {
    const u = urls[part];
    if (!u?.startsWith("http")) return { error: `the banner gives no URL for ${part}: "${u ?? ""}"` };
    checks.push([part.toLowerCase(), `${base(u)}/readyz`]);
  }
  if (!urls["Identity (realm)"]?.startsWith("http")) return { error: "the banner gives no identity URL" };
  checks.push(["identity", `${base(urls["Identity (realm)"])}/.well-known/openid-configuration`]);
  if (!urls.Dashboard?.startsWith("http")) return { error: "the banner gives no dashboard URL" };
  checks.push(["dashboard", `${base(urls.Dashboard)}/`], ["dashboard config", `${base(urls.Dashboard)}/config.json`]);
  return { checks };
}

async function stop(why) {
  if (exit) return;
  say(`${why}: Ctrl-C (SIGINT to process group ${pgid})`);
  try {
    process.kill(-pgid, "SIGINT");
  } catch {
    // already gone
  }
  const killer = setTimeout(() => {
    say("still running 60 s after Ctrl-C: SIGKILL to the group");
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // gone
    }
  }, 60_000);
  await exited;
  clearTimeout(killer);
}
/** /proc/<pid>/stat fields after the command name: [state, ppid, pgrp, …]; field 22 (start time) is [19]. */
function statOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}
/**
 * Processes left behind: any member of the group, and any process started after the command whose working
 * directory is in the repository (a daemon that left the group). Older processes (the CI script) are not.
 */
function leftovers() {
  const found = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const stat = statOf(pid);
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const inRepo = (cwd === root || cwd.startsWith(root + sep)) && Number(stat[19]) >= startTicks;
      if (Number(stat[2]) === pgid || inRepo) {
        found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim().slice(0, 160)}`);
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}
const portOpen = (url) =>
  new Promise((res) => {
    const { hostname, port } = new URL(url);
    const s = connect({ host: hostname, port: Number(port) });
    s.setTimeout(2000);
    s.once("connect", () => (s.destroy(), res(true)));
    s.once("error", () => res(false));
    s.once("timeout", () => (s.destroy(), res(false)));
  });

const deadline = t0 + timeoutS * 1000;
const failures = [];
let checks = null;
for (;;) {
  if (exit) {
    failures.push(`${argv.join(" ")} exited (code ${exit.code}, signal ${exit.signal}) before everything was ready`);
    break;
  }
  if (Date.now() > deadline) {
    failures.push(`not everything ready within ${timeoutS} s`);
    break;
  }
  if (bannerSeen && urls.Realtime && urls.Dashboard) {
    const planned = checksFromBanner();
    if (planned.error) {
      failures.push(planned.error);
      break;
    }
    checks = planned.checks;
    const results = await Promise.all(checks.map(async ([name, url]) => [name, url, await check(url)]));
    const bad = results.filter(([, , err]) => err);
    if (bad.length === 0) {
      say(`ready: ${results.map(([name, url]) => `${name} ${url}`).join(", ")}`);
      break;
    }
    if (Date.now() > deadline - 1000) for (const [name, url, err] of bad) failures.push(`${name} ${url}: ${err}`);
  }
  await sleep(1000);
}

await stop(failures.length ? "giving up" : "everything ready");
if (!failures.length) {
  const interrupted = exit.code === 0 || exit.code === 130 || exit.signal === "SIGINT";
  if (!interrupted) failures.push(`after Ctrl-C it ended with code ${exit.code}, signal ${exit.signal} (expected 0, 130 or SIGINT)`);
  if (!stoppedSeen) failures.push(`after Ctrl-C, orgboard start did not report "stopped"`);
  if (killed.length) failures.push(`after Ctrl-C, orgboard start had to kill ${killed.join(", ")} (did not stop in time)`);
}
let left = leftovers();
for (let i = 0; i < 20 && left.length; i++) {
  await sleep(1000); // let the last children exit and be reaped
  left = leftovers();
}
if (left.length) failures.push(`processes left behind:\n    ${left.join("\n    ")}`);
for (const [name, url] of checks ?? []) if (await portOpen(url)) failures.push(`${name}: ${url} still accepts connections`);

if (failures.length) {
  say(`FAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
say(`passed: every part answered; Ctrl-C stopped everything (${exit.signal ?? `exit ${exit.code}`}, "stopped" reported), nothing left running`);
