/**
 * `pnpm bench` (apps/realtime): the live path under load, next to a bare socket.io server doing the same
 * broadcasts. Loopback only, bounded in time; see docs/realtime.md ("Benchmark") for the figures.
 *
 *   site/bridge ──HTTP──▶ conference service (server-kit + events, PGlite) ──stream──▶ gateway ──ws──▶ dashboards
 *   site/bridge ──HTTP──▶ bare socket.io server ─────────────────────────────────────────────ws──▶ dashboards
 *
 * Environment: BENCH_SECONDS (measured seconds per phase, default 20), BENCH_WARMUP (3),
 * BENCH_DASHBOARDS (1000), BENCH_CENTRAL (100 of them scoped to "/"), BENCH_SCENARIOS
 * (s1,s1-bridge,s2-raw,s2-changes,s2-unbatched), BENCH_OUT (JSON file for the results), BENCH_SERVICE_DB
 * (postgres: a throwaway PostgreSQL server as in production, the default when its binaries or a
 * DATABASE_URL exist; pglite: the embedded default).
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestIssuer, startTokenEndpoint } from "@orgboard/auth/testing";
import { freePort } from "@orgboard/testkit";
import { createTRPCUntypedClient, httpLink } from "@trpc/client";
import { ancestorPaths } from "../src/rooms.js";
import { postgresAvailable, startTestPostgres, type TestPostgres } from "../test/support/postgres.js";
import type { DashboardsCommand } from "./dashboards.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const APP = join(HERE, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const DASHBOARDS = Number(process.env.BENCH_DASHBOARDS ?? 1000);
const CENTRAL = Number(process.env.BENCH_CENTRAL ?? 100);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? "s1,s1-bridge,s2-raw,s2-changes,s2-unbatched").split(",").map((s) => s.trim());
const DRAIN_MS = 8000;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pad = (n: number, w: number) => String(n).padStart(w, "0");
/** NaN crosses IPC as null: both print as "-". */
const f = (x: number | null | undefined, digits = 1) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "-");

// ---------- processes ----------
const children: ChildProcess[] = [];
function forkTs(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; ready: string }> {
  const child = fork(join(HERE, script), [], { execArgv: ["--import", "tsx"], env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
    child.on("message", (m: { ready?: string; cmd?: string }) => {
      if (m.ready !== undefined || m.cmd === "ready") resolve({ child, ready: m.ready ?? "" });
    });
  });
}
function rpc<T>(child: ChildProcess, msg: DashboardsCommand, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: { cmd: string; message?: string }) => {
      if (m.cmd === reply) {
        child.off("message", on);
        resolve(m as T);
      } else if (m.cmd === "error") {
        child.off("message", on);
        reject(new Error(m.message));
      }
    };
    child.on("message", on);
    child.send(msg);
  });
}
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
}
function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) * 1024;
}
const TICKS_PER_SEC = 100; // Linux USER_HZ

// ---------- workload ----------
interface Ev {
  type: string;
  orgPath: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}
interface Scenario {
  name: string;
  title: string;
  /** dashboard scopes besides the central ones */
  provincialScopes: string[];
  /** The sends of one second: [offset ms within the second, events of one HTTP request]. */
  second(): [number, Ev[]][];
  seconds?: number;
}

function s1(): Scenario {
  const sites = Array.from({ length: 67 }, (_, i) => `/${pad(i + 1, 2)}/`);
  let n = 0;
  return {
    name: "s1",
    title: "67 sites, 1 heartbeat/s each + 4 conference events/s",
    provincialScopes: sites,
    second() {
      const out: [number, Ev[]][] = sites.map((p, i) => [
        (i * 1000) / sites.length,
        [{ type: "conference.site.heartbeat", orgPath: p, aggregateId: `site-${p}`, payload: { conferenceId: "c-1", quality: 0.93, seq: n++ } }],
      ]);
      for (let k = 0; k < 2; k++) {
        out.push([250 + k * 500, [{ type: "conference.speaker.changed", orgPath: "/", aggregateId: "c-1", payload: { conferenceId: "c-1", queueLength: k } }]]);
        const p = sites[(n + k * 31) % sites.length]!;
        out.push([100 + k * 500, [{ type: "conference.site.attendance_changed", orgPath: p, aggregateId: "c-1", payload: { conferenceId: "c-1", presentCount: 100 + k } }]]);
      }
      return out;
    },
  };
}

/**
 * The same site changes, delivered as a videoconference bridge does: it collects what its endpoints
 * report and posts one batch every `windowMs`. Each event's sentAt stays the moment its site changed, so
 * the bridge's wait counts in the latency.
 */
function bridged(inner: Scenario, windowMs: number): Scenario {
  return {
    ...inner,
    name: `${inner.name}-bridge`,
    title: `${inner.title}, posted by a bridge every ${windowMs} ms`,
    second() {
      const windows = new Map<number, Ev[]>();
      for (const [offset, events] of inner.second()) {
        const end = (Math.floor(offset / windowMs) + 1) * windowMs;
        for (const e of events) (e as Ev & { changedAt?: number }).changedAt = offset;
        windows.set(end, [...(windows.get(end) ?? []), ...events]);
      }
      return [...windows.entries()].sort(([a], [b]) => a - b);
    },
  };
}

const PROVINCES = Array.from({ length: 63 }, (_, i) => pad(i + 1, 2));
const TOTAL_SITES = 16_240;
const sitesOf = (pi: number) => Math.floor(TOTAL_SITES / 63) + (pi < TOTAL_SITES % 63 ? 1 : 0);

function s2raw(): Scenario {
  const at = new Date().toISOString();
  return {
    name: "s2-raw",
    title: "16,240 sites, bridge batches per province each second, every batch pushed whole (63 events/s of ~13 kB)",
    provincialScopes: PROVINCES.map((p) => `/${p}/`),
    second() {
      return PROVINCES.map((p, pi) => [
        (pi * 1000) / 63,
        [
          {
            type: "conference.heartbeats.batch",
            orgPath: `/${p}/`,
            aggregateId: "c-1",
            payload: { conferenceId: "c-1", sites: Array.from({ length: sitesOf(pi) }, (_, j) => ({ c: `${p}-${pad(j, 3)}`, q: 0.93, at })) },
          },
        ],
      ]);
    },
  };
}

function s2changes(): Scenario {
  let carry = 0;
  let n = 0;
  return {
    name: "s2-changes",
    title: "16,240 sites batched per province; the service pushes a per-province summary + link-state changes (1 %/s)",
    provincialScopes: PROVINCES.map((p) => `/${p}/`),
    second() {
      return PROVINCES.map((p, pi) => {
        carry += (TOTAL_SITES * 0.01) / 63;
        const changes = Math.floor(carry);
        carry -= changes;
        const evs: Ev[] = [
          { type: "conference.province.summary", orgPath: `/${p}/`, aggregateId: "c-1", payload: { conferenceId: "c-1", connected: sitesOf(pi) - 3, degraded: 2, disconnected: 1 } },
        ];
        for (let k = 0; k < changes; k++) {
          const site = `${p}-${pad((n++ * 37) % sitesOf(pi), 3)}`;
          evs.push({ type: "conference.site.state_changed", orgPath: `/${p}/${site}/`, aggregateId: "c-1", payload: { conferenceId: "c-1", siteCode: site, from: "connected", to: "degraded" } });
        }
        return [(pi * 1000) / 63, evs] as [number, Ev[]];
      });
    },
  };
}

function s2unbatched(): Scenario {
  const at = new Date().toISOString();
  return {
    name: "s2-unbatched",
    title: "16,240 sites, every heartbeat an event of its own (16,240 events/s through the outbox), bridge batches per province",
    provincialScopes: PROVINCES.map((p) => `/${p}/`),
    seconds: Math.min(SECONDS, 10),
    second() {
      return PROVINCES.map((p, pi) => [
        (pi * 1000) / 63,
        Array.from({ length: sitesOf(pi) }, (_, j) => ({
          type: "conference.site.heartbeat",
          orgPath: `/${p}/${p}-${pad(j, 3)}/`,
          aggregateId: "c-1",
          payload: { conferenceId: "c-1", q: 0.93, at },
        })),
      ]);
    },
  };
}

const SCENARIO_BUILDERS: Record<string, () => Scenario> = {
  s1,
  "s1-bridge": () => bridged(s1(), 100),
  "s2-raw": s2raw,
  "s2-changes": s2changes,
  "s2-unbatched": s2unbatched,
};

// ---------- run ----------
interface PhaseResult {
  scenario: string;
  target: "gateway" | "bare";
  seconds: number;
  eventsSent: number;
  requests: number;
  expected: number;
  delivered: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mbReceived: number;
  cpu: Record<string, number>;
  sendErrors: number;
  rssAfterBytes?: number;
  /** HTTP round trip of the site's request (service: commit acknowledged). */
  /** CPU time of the server (gateway or bare) per 1,000 delivered messages, ms: load-independent cost. */
  serverCpuMsPerK: number;
  ackP50: number;
  ackP99: number;
  /** The service's stream followed directly by one plain consumer: the latency before the gateway. */
  stream?: { n: number; p50: number; p99: number };
  /** Gateway: event occurredAt (service transaction) → pushed, over the last 2048 events. */
  gatewayLag?: { p50: number; p99: number; max: number } | null;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "realtime-bench-"));
  const issuer = await createTestIssuer({ audience: "realtime" });
  const tokens = await startTokenEndpoint(issuer, { clientId: "realtime", clientSecret: "bench", audiences: ["conference"], expiresIn: 3600 });
  const svcPort = await freePort();
  const wantPg = (process.env.BENCH_SERVICE_DB ?? (postgresAvailable().ok ? "postgres" : "pglite")) === "postgres";
  let serviceDb: TestPostgres | null = null;
  if (wantPg) serviceDb = await startTestPostgres();
  const svc = await forkTs("service.ts", {
    PORT: String(svcPort),
    OIDC_ISSUER: issuer.issuer,
    OIDC_JWKS_URL: issuer.jwksUrl,
    BENCH_SERVICE_DATABASE_URL: serviceDb?.url ?? "",
  });
  const bare = await forkTs("bare.ts", { PORT: String(await freePort()) });
  const gwPort = await freePort();
  const gateway = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: APP,
    env: {
      ...process.env,
      PORT: String(gwPort),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      OIDC_ISSUER: issuer.issuer,
      OIDC_JWKS_URL: issuer.jwksUrl,
      OIDC_TOKEN_URL: tokens.url,
      OIDC_CLIENT_SECRET: "bench",
      REALTIME_SERVICES: `conference=${svc.ready}`,
      // Every dashboard of the benchmark connects from this one machine, several with one token each.
      REALTIME_MAX_SOCKETS_PER_ADDRESS: "0",
      REALTIME_MAX_SOCKETS_PER_PRINCIPAL: "0",
      DATA_DIR: dir,
      DATABASE_URL: "",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(gateway);
  const gwUrl = `http://127.0.0.1:${gwPort}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${gwUrl}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error("gateway did not become ready");
    await sleep(100);
  }
  const dashboards = await forkTs("dashboards.ts", {});
  const siteToken = await issuer.mintService("bridge", { audience: ["conference"], expiresIn: 3600 });
  // /readyz shows its details (lag, published count) to a service token only.
  const monitor = { headers: { authorization: `Bearer ${await issuer.mintService("bench-monitor", { audience: ["realtime"], expiresIn: 3600 })}` } };
  const conference = createTRPCUntypedClient({ links: [httpLink({ url: `${svc.ready}/trpc`, headers: { authorization: `Bearer ${siteToken}` } })] });
  const sendTo = {
    gateway: (events: Ev[]) => conference.mutation("conference.emit", { events }),
    bare: (events: Ev[]) =>
      fetch(`${bare.ready}/emit`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ events }) }).then((r) => {
        if (!r.ok) throw new Error(`bare ${r.status}`);
      }),
  };
  await rpc(dashboards.child, { cmd: "stream", url: `${svc.ready}/trpc`, path: "conference.events.stream", token: await issuer.mintService("bench-probe", { audience: ["conference"], expiresIn: 3600 }) }, "streaming");
  const pids = { gateway: gateway.pid!, service: svc.child.pid!, bare: bare.child.pid!, dashboards: dashboards.child.pid! };

  const results: PhaseResult[] = [];
  const memory: Record<string, { before: number; after: number; perDashboard: number }> = {};
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(
    `realtime bench: ${DASHBOARDS} dashboards (${CENTRAL} central), ${SECONDS} s measured per phase after ${WARMUP} s warm-up, ` +
      `scenarios ${SCENARIOS.join(", ")}; service database: ${serviceDb ? "PostgreSQL" : "PGlite"}; load average before: ${load}`,
  );

  for (const name of SCENARIOS) {
    const build = SCENARIO_BUILDERS[name];
    if (!build) throw new Error(`unknown scenario ${name}`);
    for (const target of ["gateway", "bare"] as const) {
      const sc = build();
      const scopes = Array.from({ length: DASHBOARDS }, (_, i) => (i < CENTRAL ? "/" : sc.provincialScopes[(i - CENTRAL) % sc.provincialScopes.length]!));
      const scopeCount = new Map<string, number>();
      for (const s of scopes) scopeCount.set(s, (scopeCount.get(s) ?? 0) + 1);
      const expectedFor = (orgPath: string) => ancestorPaths(orgPath).reduce((sum, p) => sum + (scopeCount.get(p) ?? 0), 0);

      const url = target === "gateway" ? gwUrl : bare.ready;
      const pid = target === "gateway" ? pids.gateway : pids.bare;
      const sockets =
        target === "gateway"
          ? await Promise.all(
              scopes.map(async (s, i) => ({
                orgPath: s,
                token: await issuer.mint({ sub: `dash-${i}`, orgPaths: [s], roles: [s === "/" ? "central_board" : "provincial_board"], expiresIn: 3600 }),
              })),
            )
          : scopes.map((s) => ({ orgPath: s }));
      const rssBefore = rssBytes(pid);
      const conn = await rpc<{ ms: number; count: number }>(dashboards.child, { cmd: "connect", url, sockets }, "connected");
      await sleep(2000);
      const rssConnected = rssBytes(pid);
      if (!memory[target]) memory[target] = { before: rssBefore, after: rssConnected, perDashboard: (rssConnected - rssBefore) / DASHBOARDS };

      const phase = `${name}/${target}/${Date.now()}`;
      await rpc(dashboards.child, { cmd: "measure", phase }, "measuring");
      const seconds = sc.seconds ?? SECONDS;
      let eventsSent = 0;
      let requests = 0;
      let expected = 0;
      let sendErrors = 0;
      const acks: number[] = [];
      const inflight = new Set<Promise<unknown>>();
      const cpu0 = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuTicks(p)]));
      const self0 = process.cpuUsage();
      const t0 = now();
      for (let sec = 0; sec < WARMUP + seconds; sec++) {
        const measured = sec >= WARMUP;
        for (const [offset, events] of sc.second()) {
          const due = t0 + sec * 1000 + offset;
          const wait = due - now();
          if (wait > 1) await sleep(wait);
          const sentAt = now();
          for (const e of events) {
            const changedAt = (e as Ev & { changedAt?: number }).changedAt;
            delete (e as Ev & { changedAt?: number }).changedAt;
            e.payload.sentAt = changedAt === undefined ? sentAt : t0 + sec * 1000 + changedAt;
            e.payload.phase = phase;
            e.payload.m = measured;
            if (measured) expected += expectedFor(e.orgPath);
          }
          if (measured) {
            eventsSent += events.length;
            requests += 1;
          }
          const p = sendTo[target](events).then(
            () => measured && acks.push(now() - sentAt),
            () => (sendErrors += 1),
          );
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
        }
      }
      const sendEnd = now();
      await Promise.race([Promise.all(inflight), sleep(DRAIN_MS)]);
      // Let the pipeline drain: stop when deliveries stop growing (or after DRAIN_MS).
      let last = -1;
      for (let i = 0; i < DRAIN_MS / 500; i++) {
        const s = await rpc<{ delivered: number }>(dashboards.child, { cmd: "stats" }, "stats");
        if (s.delivered === last || s.delivered >= expected) break;
        last = s.delivered;
        await sleep(500);
      }
      const elapsed = (now() - t0) / 1000;
      const cpuSec = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, (cpuTicks(p) - cpu0[k]!) / TICKS_PER_SEC]));
      const cpu = Object.fromEntries(Object.entries(cpuSec).map(([k, v]) => [k, Math.round((v / elapsed) * 100)]));
      const self = process.cpuUsage(self0);
      cpu.orchestrator = Math.round(((self.user + self.system) / 1e6 / elapsed) * 100);
      acks.sort((x, y) => x - y);
      const ackAt = (q: number) => acks[Math.min(acks.length - 1, Math.floor(q * acks.length))] ?? NaN;
      const gatewayLag =
        target === "gateway"
          ? (((await (await fetch(`${gwUrl}/readyz`, monitor)).json()) as { services?: { conference?: { lagMs?: PhaseResult["gatewayLag"] } } }).services?.conference?.lagMs ?? null)
          : undefined;
      const stats = await rpc<{ delivered: number; p50: number; p90: number; p99: number; max: number; bytes: number; stream: { n: number; p50: number; p99: number } }>(
        dashboards.child,
        { cmd: "stats" },
        "stats",
      );
      const r: PhaseResult = {
        scenario: name,
        target,
        seconds,
        eventsSent,
        requests,
        expected,
        delivered: stats.delivered,
        p50: stats.p50,
        p90: stats.p90,
        p99: stats.p99,
        max: stats.max,
        mbReceived: stats.bytes / 1e6,
        cpu,
        sendErrors,
        rssAfterBytes: rssBytes(pid),
        serverCpuMsPerK: (cpuSec[target]! * 1000) / Math.max(1, stats.delivered / 1000),
        ackP50: ackAt(0.5),
        ackP99: ackAt(0.99),
        gatewayLag,
        ...(target === "gateway" ? { stream: stats.stream } : {}),
      };
      results.push(r);
      console.log(
        `${name.padEnd(13)} ${target.padEnd(7)} sent ${(eventsSent / seconds).toFixed(0)} ev/s (${(requests / seconds).toFixed(0)} req/s), ` +
          `delivered ${r.delivered}/${r.expected} (${((r.delivered / Math.max(1, r.expected)) * 100).toFixed(1)}%, ${(r.delivered / seconds).toFixed(0)}/s, ${(r.mbReceived / seconds).toFixed(1)} MB/s), ` +
          `latency p50 ${f(r.p50)} p90 ${f(r.p90)} p99 ${f(r.p99)} max ${f(r.max)} ms; site request ack p50 ${f(r.ackP50)} p99 ${f(r.ackP99)} ms` +
          (r.stream ? `; same events read straight from the service stream p50 ${f(r.stream.p50)} p99 ${f(r.stream.p99)} ms` : "") +
          (gatewayLag ? `; gateway lag (occurredAt→push) p50 ${f(gatewayLag.p50)} p99 ${f(gatewayLag.p99)} ms` : "") +
          `; server CPU ${f(r.serverCpuMsPerK)} ms per 1,000 deliveries; CPU% ${JSON.stringify(cpu)}; connect ${conn.ms} ms; send errors ${sendErrors}; send took ${((sendEnd - t0) / 1000).toFixed(1)} s`,
      );
      await rpc(dashboards.child, { cmd: "disconnect" }, "disconnected");
      // A backlog left in the stream would spill into the next phase: wait until the gateway is idle.
      let published = -1;
      for (let i = 0; i < 60; i++) {
        const body = (await (await fetch(`${gwUrl}/readyz`, monitor)).json()) as { published: number };
        if (body.published === published) break;
        published = body.published;
        await sleep(1000);
      }
    }
  }

  console.log("\nmemory (RSS) for the connected dashboards:");
  for (const [k, m] of Object.entries(memory)) {
    console.log(`  ${k}: ${(m.before / 1e6).toFixed(1)} MB → ${(m.after / 1e6).toFixed(1)} MB = ${(m.perDashboard / 1024).toFixed(1)} kB per dashboard`);
  }
  console.log("\np99 gateway / bare:");
  for (const name of SCENARIOS) {
    const g = results.find((r) => r.scenario === name && r.target === "gateway");
    const b = results.find((r) => r.scenario === name && r.target === "bare");
    if (g && b) {
      console.log(
        `  ${name}: ${f(g.p99)} / ${f(b.p99)} ms = ${f(g.p99 / b.p99, 2)}x (p50 ${f(g.p50 / b.p50, 2)}x); ` +
          `server CPU per delivery ${f(g.serverCpuMsPerK / b.serverCpuMsPerK, 2)}x`,
      );
    }
  }
  const out = process.env.BENCH_OUT ?? join(tmpdir(), "orgboard-realtime-bench.json");
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), dashboards: DASHBOARDS, central: CENTRAL, seconds: SECONDS, results, memory }, null, 2));
  console.log(`\nresults: ${out}`);
  await tokens.close();
  await issuer.close();
  const svcExited = new Promise((r) => svc.child.once("exit", r));
  svc.child.kill("SIGTERM");
  await Promise.race([svcExited, sleep(10_000)]);
  if (svc.child.exitCode === null && svc.child.signalCode === null) {
    svc.child.kill("SIGKILL"); // still draining a backlog: its database is about to go
    await svcExited;
  }
  await serviceDb?.close();
  rmSync(dir, { recursive: true, force: true });
}

function cleanup(): void {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
}
process.on("exit", cleanup);
main().then(
  () => {
    cleanup();
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    cleanup();
    process.exit(1);
  },
);
