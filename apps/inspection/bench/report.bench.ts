// The annual inspection report on national-size data (docs/inspection.md, "Benchmarks"): five years and a
// half of programs, inspections (cells' compliance checks included), supervisions, discipline and appeals
// about the 5.6 million members of membership's national seed, seeded once and reused while present.
// Goals: < 200 ms for a province, < 1 s for the whole country. Beside each scope, in the same run, a
// baseline: the one aggregate the report cannot do without (its largest table's rows of the subtree and
// year, grouped as the report groups them); the ratio says what the rest of the report costs on top.
//   BENCH_DATABASE_URL  PostgreSQL server (a database `inspection_bench` is made on it); else PGlite in
//                       BENCH_DATA_DIR (default <tmp>/orgboard-inspection-bench), slower, one connection
//   BENCH_SCALE         national (default on PostgreSQL) | province (default on PGlite: a national seed
//                       there takes hours) | demo;  BENCH_RESEED=1 seeds again
import { tmpdir } from "node:os";
import path from "node:path";
import { seedSubjects, type SeedScale } from "@orgboard/membership";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildAnnualReport } from "../src/app/report.js";
import { inSubtree } from "../src/app/paths.js";
import { openDatabase, type Database } from "../src/db.js";
import { seedInspection } from "../src/seed/index.js";

const SCALE = (process.env.BENCH_SCALE ?? (process.env.BENCH_DATABASE_URL ? "national" : "province")) as SeedScale;
const SEED = 1;
const YEAR = 2025;
const AS_OF = "2026-06-30";
const NAME = `inspection_bench_${SCALE}`;
let db: Database;
let seedNote = "reused";

async function benchDatabase(): Promise<Database> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return openDatabase({ dataDir: process.env.BENCH_DATA_DIR ?? path.join(tmpdir(), `orgboard-${NAME}`) });
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [NAME]);
    if (rows.length === 0) await admin.query(`CREATE DATABASE "${NAME}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${NAME}`;
  return openDatabase({ databaseUrl: url.toString(), poolSize: 8 });
}

beforeAll(async () => {
  db = await benchDatabase();
  const { rows } = await db.shared.query<{ n: number }>("SELECT count(*)::int AS n FROM supervision");
  if (rows[0]!.n === 0 || process.env.BENCH_RESEED === "1") {
    let last = "";
    const r = await seedInspection(db.shared, seedSubjects(SCALE, SEED, AS_OF), {
      reset: true,
      onProgress: (p) => {
        if (p.phase !== last || p.done === p.total) console.log(`seed: ${p.phase} ${p.done}/${p.total}`);
        last = p.phase;
      },
    });
    seedNote = `seeded in ${(r.milliseconds / 1000).toFixed(0)} s`;
  }
});
afterAll(async () => {
  await db?.close();
});

interface Timing {
  median: number;
  max: number;
  baseline: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The report and its baseline, alternated run by run so that both see the same cache and load. */
async function time(orgPath: string, runs: number): Promise<Timing & { cases: number }> {
  const report: number[] = [];
  const baseline: number[] = [];
  let cases = 0;
  // First run of each: warms the cache (and the planner), not counted.
  await buildAnnualReport(db.prisma, { orgPath, year: YEAR, asOf: AS_OF });
  const bare = () =>
    db.prisma.$queryRaw<{ n: number }[]>`
      SELECT kind, conductor_kind, subject_kind, count(*)::int AS n FROM inspection
       WHERE ${inSubtree("conductor_org_path", orgPath)} AND decided_on BETWEEN ${`${YEAR}-01-01`}::date AND ${`${YEAR}-12-31`}::date
       GROUP BY kind, conductor_kind, subject_kind`;
  await bare();
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await buildAnnualReport(db.prisma, { orgPath, year: YEAR, asOf: AS_OF });
    report.push(performance.now() - t);
    t = performance.now();
    cases = (await bare()).reduce((s, r) => s + r.n, 0);
    baseline.push(performance.now() - t);
  }
  return { median: median(report), max: Math.max(...report), baseline: median(baseline), cases };
}

it(`annual inspection report on ${SCALE}-size data: a province < 200 ms, the country < 1 s`, async () => {
  const sizes = (await db.shared.query<{ t: string; n: number }>(
    `SELECT 'inspection' AS t, count(*)::int AS n FROM inspection UNION ALL SELECT 'supervision', count(*)::int FROM supervision
     UNION ALL SELECT 'discipline_decision', count(*)::int FROM discipline_decision UNION ALL SELECT 'program_item', count(*)::int FROM program_item`,
  )).rows;
  const provinces = SCALE === "demo" ? ["/01/", "/46/"] : SCALE === "province" ? ["/01/"] : ["/01/", "/79/", "/12/"];
  const scopes: [string, string, number][] = [["whole country", "/", 5], ...provinces.map((p): [string, string, number] => [`province ${p}`, p, 9])];
  const commune = (await db.shared.query<{ path: string }>("SELECT conductor_org_path AS path FROM inspection WHERE conductor_kind = 'grassroots_committee' ORDER BY conductor_org_path LIMIT 1")).rows[0]?.path;
  if (commune) scopes.push([`grassroots ${commune}`, commune, 9]);
  const results: [string, Timing & { cases: number }][] = [];
  for (const [label, orgPath, runs] of scopes) results.push([label, await time(orgPath, runs)]);

  const f = (n: number) => n.toFixed(1);
  const header = ["scope", `${YEAR} inspections`, "report median ms", "max ms", "baseline ms", "ratio", "goal ms"];
  const rows = results.map(([label, t]) => [label, t.cases.toLocaleString("en"), f(t.median), f(t.max), f(t.baseline), (t.median / t.baseline).toFixed(1), label === "whole country" ? "< 1000" : label.startsWith("province") ? "< 200" : ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(
    `\nInspection annual report ${YEAR}, ${SCALE} scale on ${db.kind} (${sizes.map((s) => `${s.t} ${s.n.toLocaleString("en")}`).join(", ")}; ${seedNote})\n` +
      `baseline: one GROUP BY over the scope's ${YEAR} inspections (the report's largest aggregate); ratio = report / baseline\n` +
      [line(header), ...rows.map(line)].join("\n"),
  );
  const country = results[0]![1];
  const worstProvince = Math.max(...results.filter(([l]) => l.startsWith("province")).map(([, t]) => t.median));
  expect(country.cases).toBeGreaterThan(0);
  expect(worstProvince).toBeLessThan(200);
  expect(country.median).toBeLessThan(1000);
});
