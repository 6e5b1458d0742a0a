// The national replay (issue #14 item 8), not part of the routine bench (`pnpm --filter
// @orgboard/restructuring bench:national`, see docs/restructuring.md "Figures"): the whole 2025
// restructuring on the national seed on the 2024 units (≈ 5.8 million members, 206,000 organizations) on
// PostgreSQL, goal < 15 min, with membership serving a province's annual report throughout: its p99 during
// the run against the same reads without the run (baseline, measured first), side by side.
//
// BENCH_DATABASE_URL (or DATABASE_URL): the PostgreSQL server (packages/db/scripts/start-postgres.sh).
// BENCH_MEMBERSHIP_DB (default membership_national): membership's database on it, seeded (national, 2024
// units, seed 1; timed) unless it already holds ≥ 5 million members of the 2024 units. Restructuring gets a
// fresh database, dropped afterwards. The run changes membership's data: reseed (or restore) to run again.
// BENCH_MAX_MINUTES (default 60): no province is started after this; the rest is extrapolated (said so).
// BENCH_REPORT_PATH (default /01/, Hà Nội: the largest province, its path unchanged by the merger),
// BENCH_READ_INTERVAL_MS (default 500): one annual-report read at a time, one every interval at most.
// BENCH_BASELINE_SECONDS (default 60). Services in this process, real HTTP between them and the reader.
// RESTRUCTURING_PROVINCE_CONCURRENCY (default 2, as the service on PostgreSQL): provinces run at once. The run
// is one runs.resume of the whole plan (the runner schedules the provinces); fetch gives up waiting for its
// answer after 5 min, so the bench follows the run with runs.get and times each province from its saga steps.
// BENCH_MAX_MINUTES then stops waiting (the run goes on in the background until the services stop).
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import { openMembershipDatabase, seedDatabase, type MembershipDatabase } from "@orgboard/membership";
import { createMembershipService } from "@orgboard/membership/server";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import pg from "pg";
import { expect, it } from "vitest";
import { membershipLink } from "../src/app/membership.js";
import { openDatabase } from "../src/db.js";
import type { AppRouter } from "../src/router/index.js";
import { createRestructuringService } from "../src/server.js";
import { dropDatabase } from "@orgboard/db/testing";


const server = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
const MEMBERSHIP_DB = process.env.BENCH_MEMBERSHIP_DB ?? "membership_national";
const MAX_MS = Number(process.env.BENCH_MAX_MINUTES ?? 60) * 60_000;
const REPORT_PATH = process.env.BENCH_REPORT_PATH ?? "/01/";
const INTERVAL = Number(process.env.BENCH_READ_INTERVAL_MS ?? 500);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_SECONDS ?? 60) * 1000;
const CONCURRENCY = Number(process.env.RESTRUCTURING_PROVINCE_CONCURRENCY ?? 2);

const load = () => loadavg().map((n) => n.toFixed(1)).join(" ");
const s = (ms: number) => (ms / 1000).toFixed(1);
const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} [load ${load()}] ${line}\n`);

function dbUrl(name: string): string {
  const u = new URL(server!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Reads the annual report one at a time until stopped; answers each read's milliseconds (failures counted apart). */
function reader(client: TRPCClient<MembershipContractRouter>) {
  const ms: number[] = [];
  let failures = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const t = performance.now();
      try {
        await client.membership.kpi.report.query({ orgPath: REPORT_PATH, year: 2025 });
        ms.push(performance.now() - t);
      } catch {
        failures++;
      }
      const wait = INTERVAL - (performance.now() - t);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    ms,
    get failures() {
      return failures;
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

it.skipIf(!server)("national replay of the 2025 restructuring on PostgreSQL (goal < 15 min; reads served throughout)", async () => {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [MEMBERSHIP_DB])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE "${MEMBERSHIP_DB}"`);
  const rdbName = `restructuring_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${rdbName}"`);

  let mdb: MembershipDatabase | undefined;
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const opening = performance.now();
    mdb = await openMembershipDatabase({ databaseUrl: dbUrl(MEMBERSHIP_DB), poolSize: 8 });
    log(`membership's database opened (pending migrations applied) in ${s(performance.now() - opening)} s`);
    const { rows: provinces2024 } = await mdb.query<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization WHERE kind = 'provincial_committee' AND admin_unit_edition = '2024' AND closed_on IS NULL`);
    if (provinces2024[0]!.n !== 63) {
      log("seeding membership: national, 2024 units, seed 1 …");
      const r = await seedDatabase(mdb, { scale: "national", units: "2024", seed: 1, reset: true });
      log(`seeded in ${s(r.milliseconds)} s: ${Object.entries(r.rows).map(([t, n]) => `${t} ${n}`).join(", ")}`);
    }
    const { rows: size } = await mdb.query<{ members: number; orgs: number }>(
      `SELECT (SELECT count(*) FROM member WHERE status IN ('official', 'probationary'))::int AS members, (SELECT count(*) FROM party_organization)::int AS orgs`,
    );
    log(`membership: ${size[0]!.members.toLocaleString("en")} active members, ${size[0]!.orgs.toLocaleString("en")} organizations`);

    const issuer = await createTestIssuer({ audience: "restructuring" });
    stops.push(() => issuer.close());
    const membership = createMembershipService({ db: mdb, verifier: createTokenVerifier(issuer.verifierOptions("membership")), today: () => "2025-07-01", rateLimits: false });
    const { url: murl } = await membership.start({ handleSignals: false });
    stops.unshift(() => membership.stop());
    const link = membershipLink({ url: murl, getToken: () => issuer.mintService("restructuring", { audience: ["restructuring", "membership"] }) });
    const rdb = await openDatabase({ databaseUrl: dbUrl(rdbName), poolSize: 4 });
    const restructuring = createRestructuringService({ db: rdb, tree: link.tree, membership: link.steps, provinceConcurrency: CONCURRENCY, verifier: createTokenVerifier(issuer.verifierOptions("restructuring")) });
    const { url: rurl } = await restructuring.start({ handleSignals: false });
    stops.unshift(() => restructuring.stop());
    const central = { sub: "central-1", roles: ["central_board" as const], orgPaths: ["/"], expiresIn: 7200 };
    const rclient = createTRPCClient<AppRouter>({ links: [createServiceLinks<AppRouter>({ restructuring: `${rurl}/trpc` }, () => issuer.mint({ audience: "restructuring", ...central }))] });
    const mclient = createTRPCClient<MembershipContractRouter>({ links: [createServiceLinks<MembershipContractRouter>({ membership: `${murl}/trpc` }, () => issuer.mint({ audience: "membership", ...central }))] });

    // Baseline: the same reads, nothing else of ours running.
    const base = reader(mclient);
    await new Promise((r) => setTimeout(r, BASELINE_MS));
    await base.stop();
    log(`baseline: ${base.ms.length} reads of ${REPORT_PATH}'s annual report, p50 ${pct(base.ms, 50).toFixed(0)} ms, p99 ${pct(base.ms, 99).toFixed(0)} ms`);

    const during = reader(mclient);
    const started = performance.now();
    const plan = await rclient.restructuring.plans.loadOfficial.mutate({});
    const t1 = performance.now();
    await rclient.restructuring.runs.start.mutate({ planId: plan.id });
    const t2 = performance.now();
    log(`plan loaded ${s(t1 - started)} s; run started (tree read, derived, stored) ${s(t2 - t1)} s`);
    const view = await rclient.restructuring.runs.get.query({ planId: plan.id });
    // One resume of the whole plan: the runner runs CONCURRENCY provinces at once. Followed through runs.get.
    const call: { answered: boolean; error: Error | null } = { answered: false, error: null };
    const resuming = rclient.restructuring.runs.resume.mutate({ planId: plan.id }).then(
      () => (call.answered = true),
      (err: unknown) => (call.error = err instanceof Error ? err : new Error(String(err))),
    );
    const seen = new Map<string, string>();
    for (;;) {
      await Promise.race([resuming, new Promise((r) => setTimeout(r, 5_000))]);
      const now = await rclient.restructuring.runs.get.query({ planId: plan.id });
      for (const p of now.provinces) {
        if (seen.get(p.provinceCode) !== p.status && (p.status === "done" || p.status === "failed")) log(`province ${p.provinceCode} ${p.name}: ${p.status}, ${p.membersBefore.toLocaleString("en")} members, at ${s(performance.now() - t2)} s`);
        seen.set(p.provinceCode, p.status);
      }
      const running = now.provinces.some((p) => p.status === "running");
      if (now.status === "done" || (call.answered && !running) || (now.provinces.some((p) => p.status === "failed") && !running)) break;
      // A refusal or failure of the call itself (not fetch giving up waiting: the run goes on, followed here).
      if (call.error && !/timeout|terminated|fetch failed/i.test(call.error.message)) throw call.error;
      if (performance.now() - started > MAX_MS) {
        log(`BENCH_MAX_MINUTES reached: stop waiting (${now.provinces.filter((p) => p.status === "done").length}/${now.provinces.length} provinces done)`);
        break;
      }
    }
    const finished = await rclient.restructuring.runs.get.query({ planId: plan.id });
    const groups = await rdb.prisma.sagaStep.groupBy({ by: ["provinceCode"], where: { planId: plan.id }, _min: { startedAt: true }, _max: { finishedAt: true } });
    const spans = new Map(groups.map((g) => [g.provinceCode, (g._max.finishedAt?.getTime() ?? 0) - (g._min.startedAt?.getTime() ?? 0)]));
    // Wall-clock time of the run (provinces overlap): the first step's start to the last one's end.
    const runMs = groups.length === 0 ? 0 : Math.max(...groups.map((g) => g._max.finishedAt?.getTime() ?? 0)) - Math.min(...groups.map((g) => g._min.startedAt?.getTime() ?? Infinity));
    const per = finished.provinces.filter((p) => p.status === "done" || p.status === "failed").map((p) => ({ code: p.provinceCode, ms: spans.get(p.provinceCode) ?? 0, members: p.membersBefore, status: p.status }));
    const t3 = performance.now();
    const complete = per.length === view.provinces.length && per.every((p) => p.status === "done");
    let verifyMs = 0;
    let verifyOk: boolean | null = null;
    if (complete) {
      const v = await rclient.restructuring.runs.verify.query({ planId: plan.id });
      verifyMs = performance.now() - t3;
      verifyOk = v.ok;
      log(`verify: ${v.ok ? "ok" : "FAILED"} (${s(verifyMs)} s), provinces ${v.provinces.before} → ${v.provinces.after}, communes ${v.communes.before} → ${v.communes.after}, district committees ${v.districtCommittees}; ${v.problems.join("; ")}`);
    }
    await during.stop();
    const total = performance.now() - started;

    // Where the time goes: the saga's steps, summed over the provinces run.
    const rsql = new pg.Client({ connectionString: dbUrl(rdbName) });
    await rsql.connect();
    const { rows: steps } = await rsql
      .query<{ step: string; n: number; seconds: number; max: number }>(
        `SELECT step, count(*)::int AS n, round(sum(extract(epoch FROM finished_at - started_at))::numeric, 1)::float AS seconds,
                round(max(extract(epoch FROM finished_at - started_at))::numeric, 1)::float AS max
         FROM saga_step WHERE plan_id = $1::uuid AND status = 'done' GROUP BY step ORDER BY seconds DESC`,
        [plan.id],
      )
      .finally(() => rsql.end());
    const doneMembers = per.reduce((n, p) => n + p.members, 0);
    const allMembers = view.provinces.reduce((n, p) => n + p.membersBefore, 0);
    const provinceMs = per.reduce((n, p) => n + p.ms, 0);
    const estimate = (t2 - started) + (runMs * allMembers) / Math.max(1, doneMembers);
    const lines = [
      `National replay, PostgreSQL, this machine (load ${load()} at the end), ${CONCURRENCY} province(s) at once (RESTRUCTURING_PROVINCE_CONCURRENCY):`,
      `  provinces run ${per.length}/${view.provinces.length} (${doneMembers.toLocaleString("en")} of ${allMembers.toLocaleString("en")} members) in ${s(runMs)} s wall clock (${s(provinceMs)} s summed over provinces: ×${(provinceMs / Math.max(1, runMs)).toFixed(2)} overlap); load + start ${s(t2 - started)} s; verify ${complete ? `${s(verifyMs)} s (${verifyOk ? "ok" : "FAILED"})` : "not run"}`,
      complete
        ? `  whole replay ${s(total)} s = ${(total / 60_000).toFixed(1)} min (goal < 15 min: ${total < 15 * 60_000 ? "met" : "NOT met"})`
        : `  EXTRAPOLATION (not measured): the whole replay ≈ ${(estimate / 60_000).toFixed(1)} min at the measured ${Math.round(doneMembers / (runMs / 1000)).toLocaleString("en")} members/s (goal < 15 min)`,
      `  ${REPORT_PATH} annual report p99: ${pct(during.ms, 99).toFixed(0)} ms during the run (${during.ms.length} reads, ${during.failures} failed, p50 ${pct(during.ms, 50).toFixed(0)} ms) vs ${pct(base.ms, 99).toFixed(0)} ms without (${base.ms.length} reads, p50 ${pct(base.ms, 50).toFixed(0)} ms): ×${(pct(during.ms, 99) / pct(base.ms, 99)).toFixed(1)}`,
      `  steps (sum over provinces, seconds; max one province): ${steps.map((r) => `${r.step} ${r.seconds} (${r.max})`).join(", ")}`,
    ];
    console.log(lines.join("\n"));
    expect(per.every((p) => p.status === "done")).toBe(true);
    if (complete) expect(verifyOk).toBe(true);
    expect(during.failures).toBe(0);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    await mdb?.close().catch(() => undefined);
    await dropDatabase(server!, rdbName).catch(() => undefined);
    await admin.end();
  }
});
