// The coverage route's aggregate SQL (app/coverage-sql.ts) against the domain's pure `coverage` on a seeded
// dataset: posts at the Centre, in provinces and below, in two terms; pools of 0–5 with removed entries;
// cadres planned for several posts (the Centre's and a province's: the young limit is the larger); birth
// dates on 1 January and around the young limits. Every scope must give the same answer both ways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverageCounts } from "../../src/app/coverage-sql.js";
import { fromDbDate } from "../../src/app/dates.js";
import { coverage, coverageOfCounts } from "../../src/domain/index.js";
import type { Database } from "../../src/db.js";
import { openDatabase } from "../../src/db.js";
import { fresh } from "./harness.js";

let db: Database;
let drop: () => Promise<void>;

const ORGS = ["/", "/01/", "/01/0101/", "/01/0102/", "/02/", "/02/0201/", "/10/", "/010/"];

beforeAll(async () => {
  ({ db, drop } = await fresh("personnel_coverage", openDatabase));
  // Deterministic pseudo-random data (Park–Miller: products stay exact in a double), so a failure reproduces.
  let seed = 42;
  const rnd = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
  const cadres = Array.from({ length: 120 }, (_, i) => {
    // Born from 1975 to 1994: at the 2030 term's start, 35 to 54 — across both young limits (40, 45).
    const year = 1975 + rnd(20);
    const [month, day] = rnd(5) === 0 ? [0, 1] : [rnd(12), 1 + rnd(28)];
    return { id: crypto.randomUUID(), nationalId: `0010${String(i).padStart(8, "0")}`, fullName: `Cán bộ ${i}`, birthDate: new Date(Date.UTC(year, month, day)), gender: rnd(3) === 0 ? "female" : "male", ethnicMinority: rnd(7) === 0, orgPath: ORGS[rnd(ORGS.length)]!, createdBy: "test" };
  });
  await db.prisma.cadre.createMany({ data: cadres });
  const posts = Array.from({ length: 90 }, (_, i) => {
    const term = i % 3 === 0 ? 2025 : 2030;
    return { id: crypto.randomUUID(), orgPath: ORGS[rnd(ORGS.length)]!, title: `Chức danh ${i}`, kind: "leadership", body: "party", termStartYear: term, termEndYear: term + 5, membersOnly: false };
  });
  await db.prisma.post.createMany({ data: posts });
  const entries = posts.flatMap((p) =>
    Array.from({ length: rnd(6) }, () => ({ postId: p.id, cadreId: cadres[rnd(cadres.length)]!.id, addedOn: new Date(Date.UTC(2024, 0, 1)), removedOn: rnd(4) === 0 ? new Date(Date.UTC(2025, 5, 1)) : null, removalReason: null })),
  );
  await db.prisma.poolEntry.createMany({ data: entries });
}, 120_000);

afterAll(async () => {
  await db?.close();
  await drop?.();
});

/** The domain's answer over what the route used to load through Prisma. */
async function viaDomain(prefixes: string[], termStartYear: number) {
  const posts = await db.prisma.post.findMany({
    where: { termStartYear, OR: prefixes.map((p) => ({ orgPath: { startsWith: p } })) },
    select: { orgPath: true, pool: { where: { removedOn: null }, select: { cadre: { select: { id: true, birthDate: true, gender: true, ethnicMinority: true } } } } },
  });
  return coverage({
    termStartYear,
    posts: posts.map((p) => ({ orgPath: p.orgPath, candidates: p.pool.map(({ cadre }) => ({ cadreId: cadre.id, birthDate: fromDbDate(cadre.birthDate), gender: cadre.gender as "male" | "female", ethnicMinority: cadre.ethnicMinority })) })),
  });
}

describe("planning coverage in SQL", () => {
  it("equals the domain's coverage for every scope and term", async () => {
    const scopes = [["/"], ["/01/"], ["/01/0101/"], ["/02/", "/10/"], ["/01/", "/01/0102/"], ["/1/"], ["/010/"]];
    let nonEmpty = 0;
    for (const prefixes of scopes) {
      for (const term of [2025, 2030, 2035]) {
        const expected = await viaDomain(prefixes, term);
        const got = coverageOfCounts(await coverageCounts(db.prisma, prefixes, term));
        expect(got, `${prefixes.join(",")} ${term}`).toEqual(expected);
        if (expected.candidates > 0) nonEmpty++;
      }
    }
    // The dataset exercises what it claims: answers with candidates, young and not, under- and over-covered.
    const all = await viaDomain(["/"], 2030);
    expect(nonEmpty).toBeGreaterThan(8);
    expect(all.underCovered).toBeGreaterThan(0);
    expect(all.overCovered).toBeGreaterThan(0);
    expect(all.structure.young.count).toBeGreaterThan(0);
    expect(all.structure.young.count).toBeLessThan(all.candidates);
  });
});
