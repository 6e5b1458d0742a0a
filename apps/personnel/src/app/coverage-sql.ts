// Planning coverage counted in the database: one aggregate query instead of loading every post, pool entry
// and cadre of the subtree through Prisma. Raw SQL on a measured hot path: bench/coverage.bench.ts
// (`personnel.planning.coverage`, goals 200 ms for a province and 1 s for the country; docs/personnel.md,
// "Benchmarks"). The thresholds and the young-age limits come from the domain; test/integration/
// coverage-sql.test.ts checks the counts equal the domain's `coverage` on a seeded dataset.
import { columnOf, subtreeBounds } from "@orgboard/db";
import { MAX_CANDIDATES_PER_POST, MIN_CANDIDATES_PER_POST, YOUNG_AGE_LIMITS, type CoverageCounts } from "../domain/index.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import type { Cadre, Post, PoolEntry } from "../generated/prisma/client.js";

// Column names checked against the Prisma models (a rename in schema.prisma breaks this file's compile).
const post = columnOf<Post>();
const entry = columnOf<PoolEntry>();
const cadre = columnOf<Cadre>();
const col = (alias: string, column: string) => Prisma.raw(`${alias}.${column}`);

/** The row the query returns: every field a count of the domain's CoverageCounts. */
type CountsRow = { [K in keyof CoverageCounts]: CoverageCounts[K] };

/** Counts of `coverage` over the posts of term `termStartYear` whose organization lies under one of `prefixes`. */
export async function coverageCounts(db: Pick<PrismaClient, "$queryRaw">, prefixes: readonly string[], termStartYear: number): Promise<CoverageCounts> {
  const orgPath = col("p", post("orgPath"));
  const scope = Prisma.join(
    prefixes.map((prefix) => {
      const [lo, hi] = subtreeBounds(prefix);
      return Prisma.sql`(${orgPath} ~>=~ ${lo}::text AND ${orgPath} ~<~ ${hi}::text)`;
    }),
    " OR ",
  );
  // One pass over post LEFT JOIN pool_entry (both indexed), then only grouping: joining one CTE to another
  // has no index and the planner, misjudging the subtree's size, chose a nested loop over them (seconds).
  const [row] = await db.$queryRaw<CountsRow[]>`
    WITH e AS MATERIALIZED (
      SELECT p.id AS post_id, ${orgPath} AS org_path, ${col("pe", entry("cadreId"))} AS cadre_id
        FROM post p
        LEFT JOIN pool_entry pe ON ${col("pe", entry("postId"))} = p.id AND ${col("pe", entry("removedOn"))} IS NULL
       WHERE ${col("p", post("termStartYear"))} = ${termStartYear}::int AND (${scope})
    ), per_post AS (
      SELECT count(cadre_id) AS n FROM e GROUP BY post_id
    ), people AS (
      SELECT cadre_id, max(CASE WHEN org_path = '/' THEN ${YOUNG_AGE_LIMITS.centre}::int ELSE ${YOUNG_AGE_LIMITS.other}::int END) AS age_limit
        FROM e WHERE cadre_id IS NOT NULL GROUP BY cadre_id
    )
    SELECT (SELECT count(*) FROM per_post)::int AS posts,
           (SELECT count(*) FROM per_post WHERE n < ${MIN_CANDIDATES_PER_POST}::int)::int AS "underCovered",
           (SELECT count(*) FROM per_post WHERE n > ${MAX_CANDIDATES_PER_POST}::int)::int AS "overCovered",
           count(c.id)::int AS candidates,
           count(c.id) FILTER (WHERE ${col("c", cadre("gender"))} = 'female')::int AS women,
           count(c.id) FILTER (WHERE extract(year FROM age(make_date(${termStartYear}::int, 1, 1), ${col("c", cadre("birthDate"))})) < people.age_limit)::int AS young,
           count(c.id) FILTER (WHERE ${col("c", cadre("ethnicMinority"))})::int AS "ethnicMinority"
      FROM people JOIN cadre c ON c.id = people.cadre_id`;
  return row!;
}
