// (c) The read paths at the default (demo) scale, through the running service over HTTP as the dashboard
// calls them: the annual report (kpi.report, raw SQL on the counters), the KPI snapshot (kpi.summary) and
// the list pages (#12: transfers, ratings, eligible badges, and the members and organizations keyset pages).
// Quick (seconds): run it before and after a change to a read path to see a regression. PostgreSQL:
// BENCH_DATABASE_URL or DATABASE_URL (a database is created and dropped).
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedDatabase } from "../src/seed/load.js";
import { CENTRAL, board, startHarness, type Client, type Harness } from "../test/api/harness.js";
import { serverUrl, table } from "./support.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const YEAR = 2025;
let h: Harness;

beforeAll(async () => {
  process.env.TEST_DATABASE_URL = serverUrl();
  h = await startHarness();
  await seedDatabase(h.db, { scale: "demo", seed: 1, reset: true });
});
afterAll(async () => {
  await h?.close();
});

async function time(run: () => Promise<unknown>): Promise<{ median: number; p90: number }> {
  await run(); // warm-up: connection, plans
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p90: ms[Math.floor(ms.length * 0.9)]! };
}

it("read paths at demo scale (report, KPI snapshot, list pages of 50)", async () => {
  const central: Client = h.client(CENTRAL);
  const hanoi: Client = h.client(board("/01/"));
  const { rows } = await h.db.query<{ members: number }>(`SELECT count(*)::int AS members FROM member`);
  const cases: [string, () => Promise<unknown>][] = [
    ["kpi.report /", () => central.membership.kpi.report.query({ orgPath: "/", year: YEAR })],
    ["kpi.report /01/", () => hanoi.membership.kpi.report.query({ orgPath: "/01/", year: YEAR })],
    ["kpi.summary /01/", () => hanoi.membership.kpi.summary.query({ orgPath: "/01/", year: YEAR })],
    ["transfers.list /01/", () => hanoi.membership.transfers.list.query({ orgPath: "/01/", limit: 50 })],
    ["ratings.list /01/", () => hanoi.membership.ratings.list.query({ orgPath: "/01/", year: YEAR, limit: 50 })],
    ["badges.eligible /01/", () => hanoi.membership.badges.eligible.query({ orgPath: "/01/", limit: 50 })],
    ["members.list /01/", () => hanoi.membership.members.list.query({ orgPath: "/01/", limit: 50 })],
    ["members.list /01/ search", () => hanoi.membership.members.list.query({ orgPath: "/01/", search: "nguyen van", limit: 50 })],
    ["orgs.list /01/", () => hanoi.membership.orgs.list.query({ orgPath: "/01/", limit: 50 })],
    ["orgs.list /01/ search", () => hanoi.membership.orgs.list.query({ orgPath: "/01/", search: "chi bo", limit: 50 })],
  ];
  const out: (string | number)[][] = [];
  for (const [name, run] of cases) {
    const r = await time(run);
    out.push([name, r.median.toFixed(1), r.p90.toFixed(1)]);
  }
  console.log(table(`Read paths at demo scale (${rows[0]!.members.toLocaleString("en")} members; ${RUNS} runs each, HTTP)`, ["call", "median ms", "p90 ms"], out));
  expect(rows[0]!.members).toBeGreaterThan(1000);
});
