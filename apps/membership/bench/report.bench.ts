// (b) The annual report on national-size data (seeded once with --scale national, reused while present):
// the whole country (goal < 2 s) and one province (goal < 200 ms), on PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../src/db/sql.js";
import { seedDatabase } from "../src/seed/load.js";
import { buildAnnualReport } from "../src/report/annual.js";
import { benchDatabase, seconds, table } from "./support.js";

const NAME = process.env.BENCH_NATIONAL_DB ?? "membership_bench";
const YEAR = 2025;
let db: Database;
let seedNote = "reused";

beforeAll(async () => {
  db = await benchDatabase(NAME, false);
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM member");
  if (rows[0]!.n < 5_000_000) {
    const r = await seedDatabase(db, { scale: "national", seed: 1, reset: true, onProgress: (p) => p.done === p.total && console.log(`seed: ${p.phase} done`) });
    seedNote = `seeded in ${seconds(r.milliseconds)} s`;
  }
});
afterAll(async () => {
  await db?.close();
});

async function time(orgPath: string, runs: number) {
  const ms: number[] = [];
  let members = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await buildAnnualReport(db, { orgPath, year: YEAR });
    ms.push(performance.now() - t);
    members = r.totalMembers;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return { first: ms[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]!, members };
}

it("annual report on national-size data, country and provinces (goals < 2 s, < 200 ms)", async () => {
  const { rows } = await db.query<{ members: number; grassroots: number }>(
    `SELECT (SELECT count(*) FROM member WHERE status IN ('official', 'probationary'))::int AS members,
            (SELECT count(*) FROM party_organization WHERE kind IN ('grassroots_committee', 'grassroots_cell') AND closed_on IS NULL)::int AS grassroots`,
  );
  const country = await time("/", 7);
  const hanoi = await time("/01/", 15);
  const laichau = await time("/12/", 15);
  const commune = (await db.query<{ path: string }>(`SELECT path FROM party_organization WHERE kind = 'grassroots_committee' AND sector = 'ward' ORDER BY id LIMIT 1`)).rows[0]!.path;
  const ward = await time(commune, 15);
  const f = (n: number) => n.toFixed(1);
  console.log(
    table(
      `Annual report ${YEAR} on national-size data (${rows[0]!.members.toLocaleString("en")} active members, ${rows[0]!.grassroots.toLocaleString("en")} grassroots organizations; ${seedNote})`,
      ["scope", "members", "first ms", "median ms", "max ms", "goal"],
      [
        ["whole country /", country.members, f(country.first), f(country.median), f(country.max), "< 2000"],
        ["province /01/ (Hà Nội, largest)", hanoi.members, f(hanoi.first), f(hanoi.median), f(hanoi.max), "< 200"],
        ["province /12/ (Lai Châu)", laichau.members, f(laichau.first), f(laichau.median), f(laichau.max), "< 200"],
        [`ward ${commune}`, ward.members, f(ward.first), f(ward.median), f(ward.max), ""],
      ],
    ),
  );
  expect(rows[0]!.members).toBeGreaterThan(5_000_000);
  expect(country.median).toBeLessThan(2000);
  expect(hanoi.median).toBeLessThan(200);
});
