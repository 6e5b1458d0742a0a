import { CONGRESS_LEVELS, personnelContract, type CongressLevel } from "@orgboard/contract-personnel";
import { subtreeBounds } from "@orgboard/db";
import { scopeWhere } from "../../app/access.js";
import { seasonOf } from "../../domain/index.js";
import { Prisma } from "../../generated/prisma/client.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.congress.season;

/**
 * The congress season of a subtree for a term: congresses held / to hold per level, counts only (the boards
 * read it, and reload it on every `personnel.figures.changed`: during the season, on every result). One
 * grouped count over congress(org_path prefix, term), read through congress_org_path_prefix_idx.
 */
export const seasonRoute = procedure("personnel.reports.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { termStartYear: input.termStartYear, ...seasonOf(CONGRESS_LEVELS, []) };
    const scope = Prisma.join(
      prefixes.map((prefix) => {
        const [lo, hi] = subtreeBounds(prefix);
        return Prisma.sql`(org_path ~>=~ ${lo}::text AND org_path ~<~ ${hi}::text)`;
      }),
      " OR ",
    );
    const groups = await ctx.db.$queryRaw<{ level: string; held: boolean; count: number }[]>`
      SELECT level, result_posted_at IS NOT NULL AS held, count(*)::int AS count
        FROM congress
       WHERE term_start_year = ${input.termStartYear}::int AND (${scope})
       GROUP BY 1, 2`;
    return { termStartYear: input.termStartYear, ...seasonOf(CONGRESS_LEVELS, groups.map((g) => ({ ...g, level: g.level as CongressLevel }))) };
  });
