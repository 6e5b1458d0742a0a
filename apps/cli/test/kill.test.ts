// The kill suite (#11): the embedded database (PGlite, the default) is killed at random moments, with
// SIGINT and with SIGKILL, during a seed, an import (the real `orgboard operator` executable) and API
// writes (membership's real server), and reopened each time. Every change that was acknowledged (exit 0,
// or an HTTP 200) must be there, nothing half done may appear (a seed or an import is all or nothing, an
// API write is its row and its audit record), and the directory must open again. SIGINT must stop
// cleanly: exit 130 (or 0 when the work had finished), nothing of the interrupted work written.
// Trials: KILL_TRIALS (default 10, the CI batch that keeps `.ci/run` under its budget; set hundreds locally or on a quiet machine). Embedded only: on PostgreSQL
// (TEST_DATABASE_URL) the server's durability is PostgreSQL's own, so the suite does not run there.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { openMembershipDatabase } from "@orgboard/membership";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
const MEMBERSHIP_DIR = path.resolve(import.meta.dirname, "../../membership");
const TRIALS = Number(process.env.KILL_TRIALS ?? 10);
const onPostgres = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
const IMPORT_ROWS = 3000;
/** Per test: up to two minutes a trial (a seed on a busy 2-core machine takes about one). */
const TRIAL_BUDGET_MS = Math.max(600_000, TRIALS * 120_000);

let dir: string;
let seeded: string; // ORGBOARD_DATA_DIR holding a seeded membership database
let empty: string; // … a migrated, empty one
let importFile: string;
let issuer: TestIssuer;
let base: Counts;
let seededIndexes: number;
/** Deterministic pseudo-random delays (a failing trial can be replayed with KILL_SEED). */
let rand = Number(process.env.KILL_SEED ?? 20261205);
const random = () => ((rand = (rand * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const tally: Record<string, number> = {};
/** Children still running when a trial fails: killed in afterAll, never left behind. */
const running = new Set<ChildProcess>();
/** KILL_LOG: a file that gets one line per finished trial, so a long run can be followed (and counted if cut short). */
const KILL_LOG = process.env.KILL_LOG;
const count = (key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
  if (KILL_LOG) appendFileSync(KILL_LOG, `${new Date().toISOString()} ${key}\n`);
};

interface Counts {
  members: number;
  periods: number;
  orgs: number;
  audits: number;
  indexes: number;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function start(args: string[], env: NodeJS.ProcessEnv, cwd = dir, command = MAIN): { child: ChildProcess; exited: Promise<Exit> } {
  const started = Date.now();
  const child = spawn(process.execPath, [command, ...args], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started })));
  return { child, exited };
}

const cliEnv = (dataRoot: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ORGBOARD_DATA_DIR: dataRoot, ORGBOARD_DEBUG: "" };
  delete env.DATABASE_URL;
  return env;
};

async function counts(dataRoot: string): Promise<Counts> {
  // Reopening is part of the check: a directory that does not open fails the trial.
  const db = await openMembershipDatabase({ dataDir: path.join(dataRoot, "membership"), migrate: false });
  try {
    const { rows } = await db.query<Counts>(
      `SELECT (SELECT count(*)::int FROM member) AS members, (SELECT count(*)::int FROM membership_period) AS periods,
              (SELECT count(*)::int FROM party_organization) AS orgs, (SELECT count(*)::int FROM audit_record) AS audits,
              (SELECT count(*)::int FROM pg_indexes WHERE schemaname = 'public') AS indexes`,
    );
    return rows[0]!;
  } finally {
    await db.close();
  }
}

function trialDir(from: string): string {
  const t = mkdtempSync(path.join(dir, "trial-"));
  cpSync(from, t, { recursive: true });
  return t;
}

/** A valid member file for the seeded cells: national IDs of a province the demo seed does not use. */
async function writeImportFile(file: string): Promise<void> {
  const db = await openMembershipDatabase({ dataDir: path.join(seeded, "membership"), migrate: false });
  let cells: string[];
  try {
    cells = (await db.query<{ code: string }>(`SELECT code FROM party_organization WHERE kind = 'subordinate_cell' AND closed_on IS NULL ORDER BY id LIMIT 30`)).rows.map((r) => r.code);
  } finally {
    await db.close();
  }
  const header = "fullName,birthDate,gender,ethnicity,nationalId,orgCode,status,admittedOn,officialOn"; // the template's English keys
  const lines = Array.from({ length: IMPORT_ROWS }, (_, i) =>
    [`Phạm Thị Hạnh`, "12/08/1991", "Nữ", "Kinh", `096191${String(100000 + i).padStart(6, "0")}`, cells[i % cells.length], "Chính thức", "03/02/2016", "03/02/2017"].join(","),
  );
  writeFileSync(file, `${header}\n${lines.join("\n")}\n`);
}

beforeAll(async () => {
  if (onPostgres) return;
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-kill-"));
  seeded = path.join(dir, "seeded");
  empty = path.join(dir, "empty");
  const env = (root: string) => ({ ...cliEnv(root), ORGBOARD_EMBEDDED_BACKUP: "off" });
  const migrate = await start(["operator", "migrate"], env(empty)).exited;
  expect(migrate.code, migrate.stderr).toBe(0);
  cpSync(empty, seeded, { recursive: true });
  const seed = await start(["operator", "seed", "--scale", "demo", "--seed", "3"], env(seeded)).exited;
  expect(seed.code, seed.stderr).toBe(0);
  base = await counts(seeded);
  seededIndexes = base.indexes;
  importFile = path.join(dir, "members.csv");
  await writeImportFile(importFile);
  issuer = await createTestIssuer({ audience: "membership" });
}, 600_000);

afterAll(async () => {
  for (const child of running) child.kill("SIGKILL");
  await issuer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (Object.keys(tally).length) console.log(`kill suite outcomes: ${JSON.stringify(tally)}`);
});

/** Runs `trial` n times; the kind alternates SIGINT / SIGKILL. */
const signalOf = (i: number): NodeJS.Signals => (i % 2 === 0 ? "SIGINT" : "SIGKILL");

describe.skipIf(onPostgres)("kill suite (embedded database)", () => {
  it(`import: ${Math.ceil(TRIALS * 0.5)} trials, all or nothing, SIGINT exits 130 having written nothing`, async () => {
    // How long an import takes here, to spread the kills over it (the backup before it included).
    const probe = trialDir(seeded);
    const full = await start(["operator", "import", "members", importFile, "--actor", "kill-suite"], cliEnv(probe)).exited;
    expect(full.code, full.stderr).toBe(0);
    expect(await counts(probe)).toMatchObject({ members: base.members + IMPORT_ROWS, periods: base.periods + IMPORT_ROWS, audits: base.audits + 1 });
    rmSync(probe, { recursive: true, force: true });
    for (let i = 0; i < Math.ceil(TRIALS * 0.5); i++) {
      const t = trialDir(seeded);
      const sig = signalOf(i);
      const run = start(["operator", "import", "members", importFile, "--actor", "kill-suite"], cliEnv(t));
      const delay = random() * full.ms * 1.1;
      setTimeout(() => run.child.kill(sig), delay);
      const exit = await run.exited;
      const after = await counts(t);
      const committed = after.members === base.members + IMPORT_ROWS;
      const context = `trial ${i} ${sig} after ${delay.toFixed(0)} ms: exit ${exit.code ?? exit.signal}, ${JSON.stringify(after)}\n${exit.stderr}`;
      // All or nothing, member rows, periods and the audit record together.
      expect(committed ? after : { ...after }, context).toMatchObject(
        committed ? { periods: base.periods + IMPORT_ROWS, audits: base.audits + 1 } : { members: base.members, periods: base.periods, audits: base.audits },
      );
      expect(after.indexes, context).toBe(seededIndexes);
      if (exit.code === 0) expect(committed, context).toBe(true); // acknowledged ⇒ kept
      if (sig === "SIGINT") {
        // 130: stopped cleanly; 0: it had finished; killed by the signal: it came before Node had loaded the
        // CLI and its handler (nothing opened yet).
        expect(exit.code === 0 || exit.code === 130 || exit.signal === "SIGINT", context).toBe(true);
        if (exit.code !== 0) expect(committed, context).toBe(false);
      }
      count(`import ${sig} ${exit.code === null ? "killed" : `exit ${exit.code}`} ${committed ? "committed" : "nothing"}`);
      rmSync(t, { recursive: true, force: true });
    }
  }, TRIAL_BUDGET_MS);

  it(`seed: ${Math.ceil(TRIALS * 0.2)} trials, all or nothing with the indexes back`, async () => {
    const probe = trialDir(empty);
    const full = await start(["operator", "seed", "--scale", "demo", "--seed", "3"], cliEnv(probe)).exited;
    expect(full.code, full.stderr).toBe(0);
    rmSync(probe, { recursive: true, force: true });
    for (let i = 0; i < Math.ceil(TRIALS * 0.2); i++) {
      const t = trialDir(empty);
      const sig = signalOf(i);
      const run = start(["operator", "seed", "--scale", "demo", "--seed", "3"], { ...cliEnv(t), ORGBOARD_EMBEDDED_BACKUP: "off" });
      const delay = random() * full.ms * 1.1;
      setTimeout(() => run.child.kill(sig), delay);
      const exit = await run.exited;
      const after = await counts(t);
      const context = `trial ${i} ${sig} after ${delay.toFixed(0)} ms: exit ${exit.code ?? exit.signal}, ${JSON.stringify(after)}\n${exit.stderr}`;
      const committed = after.members > 0;
      expect(after, context).toEqual(committed ? base : { members: 0, periods: 0, orgs: 0, audits: 0, indexes: seededIndexes });
      if (exit.code === 0) expect(committed, context).toBe(true);
      if (sig === "SIGINT") {
        // 130: stopped cleanly; 0: it had finished; killed by the signal: it came before Node had loaded the
        // CLI and its handler (nothing opened yet).
        expect(exit.code === 0 || exit.code === 130 || exit.signal === "SIGINT", context).toBe(true);
        if (exit.code !== 0) expect(committed, context).toBe(false);
      }
      count(`seed ${sig} ${exit.code === null ? "killed" : `exit ${exit.code}`} ${committed ? "committed" : "nothing"}`);
      rmSync(t, { recursive: true, force: true });
    }
  }, TRIAL_BUDGET_MS);

  it(`migrate: ${Math.ceil(TRIALS * 0.2)} SIGINT trials, never a started migration left behind, the next migrate goes on`, async () => {
    const migrations = readdirSync(path.join(MEMBERSHIP_DIR, "prisma", "migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    const ledger = async (dataRoot: string) => {
      const db = await openMembershipDatabase({ dataDir: path.join(dataRoot, "membership"), migrate: false });
      try {
        const { rows } = await db.query<{ finished: number; started: number }>(
          `SELECT count(*) FILTER (WHERE finished_at IS NOT NULL)::int AS finished, count(*) FILTER (WHERE finished_at IS NULL AND rolled_back_at IS NULL)::int AS started
             FROM _prisma_migrations`,
        );
        return rows[0]!;
      } catch {
        return { finished: 0, started: 0 }; // stopped before the ledger was created
      } finally {
        await db.close();
      }
    };
    // A database created (initdb, seconds on PGlite) with no migration applied, so that the trials' time is the migrations'.
    const bare = mkdtempSync(path.join(dir, "bare-"));
    await (await openMembershipDatabase({ dataDir: path.join(bare, "membership"), migrate: false })).close();
    const probe = trialDir(bare);
    const full = await start(["operator", "migrate"], cliEnv(probe)).exited;
    expect(full.code, full.stderr).toBe(0);
    rmSync(probe, { recursive: true, force: true });
    for (let i = 0; i < Math.ceil(TRIALS * 0.2); i++) {
      const t = trialDir(bare);
      const run = start(["operator", "migrate"], cliEnv(t));
      const delay = random() * full.ms;
      setTimeout(() => run.child.kill("SIGINT"), delay);
      const exit = await run.exited;
      const after = await ledger(t);
      const context = `trial ${i} SIGINT after ${delay.toFixed(0)} ms: exit ${exit.code ?? exit.signal}, ${JSON.stringify(after)}\n${exit.stdout}\n${exit.stderr}`;
      // A migration cut short would leave a started row, and every later open would refuse the database (P3009).
      expect(after.started, context).toBe(0);
      expect(exit.code === 0 || exit.code === 130 || exit.signal === "SIGINT", context).toBe(true);
      if (exit.code === 0) expect(after.finished, context).toBe(migrations);
      if (exit.code === 130) expect(exit.stderr, context).toMatch(/đã dừng, còn \d+ migration chưa áp dụng/);
      const again = await start(["operator", "migrate"], cliEnv(t)).exited;
      expect(again.code, `${context}\nagain: ${again.stderr}`).toBe(0);
      expect((await ledger(t)).finished, context).toBe(migrations);
      count(`migrate SIGINT ${exit.code === null ? "killed" : `exit ${exit.code}`} ${after.finished}/${migrations} applied`);
      rmSync(t, { recursive: true, force: true });
    }
  }, TRIAL_BUDGET_MS);

  it(`API writes: ${Math.ceil(TRIALS * 0.3)} trials, every acknowledged write kept, none half done`, async () => {
    for (let i = 0; i < Math.ceil(TRIALS * 0.3); i++) {
      // A token per trial: one for the whole run expired (5 minutes) after 16 trials of a long run (#11).
      const token = await issuer.mint({ audience: "membership", sub: "central-1", roles: ["central_board"], orgPaths: ["/"] });
      const t = trialDir(seeded);
      const sig = signalOf(i);
      const server = start(["dist/main.js"], {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        LOG_LEVEL: "info",
        PORT: "0",
        OIDC_ISSUER: issuer.issuer,
        OIDC_JWKS_URL: issuer.jwksUrl,
        DATA_DIR: path.join(t, "membership"),
        AUDIT_ANCHOR_DIR: path.join(t, "anchors"),
        RATE_LIMIT_PER_PRINCIPAL: "0",
        RATE_LIMIT_PER_ADDRESS: "0",
      }, MEMBERSHIP_DIR, "--enable-source-maps");
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.child.stdout!.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /"url":"(http:[^"]+)"/.exec(out);
          if (m) resolve(m[1]!);
        });
        void server.exited.then((e) => reject(new Error(`server exited ${e.code}: ${e.stderr}`)));
      });
      let acked = 0;
      let sent = 0;
      let stopped = false;
      const writes = (async () => {
        for (let n = 0; !stopped; n++) {
          sent++;
          try {
            const res = await fetch(`${url}/trpc/membership.orgs.create`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({ parentPath: "/", code: `K${i}x${n}`, name: `Đảng bộ thử ${n}`, kind: "provincial_committee", openedOn: "2020-01-01" }),
            });
            if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
            acked++;
          } catch (e) {
            if (!stopped && !(e instanceof TypeError)) throw e; // TypeError: the connection went with the server
            return;
          }
        }
      })();
      const delay = 300 + random() * 3000;
      await new Promise((r) => setTimeout(r, delay));
      server.child.kill(sig);
      const exit = await server.exited;
      stopped = true;
      await writes;
      const after = await counts(t);
      const added = after.orgs - base.orgs;
      const context = `trial ${i} ${sig} after ${delay.toFixed(0)} ms: exit ${exit.code ?? exit.signal}, acked ${acked} of ${sent}, ${JSON.stringify(after)}\n${exit.stderr}`;
      expect(added, context).toBeGreaterThanOrEqual(acked); // acknowledged ⇒ kept
      expect(added, context).toBeLessThanOrEqual(acked + 1); // at most the one in flight
      expect(after.audits - base.audits, context).toBe(added); // each with its audit record, never without
      if (sig === "SIGINT") expect(exit.code, context).toBe(0); // a clean stop
      count(`api ${sig} ${exit.code === null ? "killed" : `exit ${exit.code}`} ${added > acked ? "in-flight committed" : "exact"}`);
      rmSync(t, { recursive: true, force: true });
    }
  }, TRIAL_BUDGET_MS);
});
