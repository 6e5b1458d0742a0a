import { membershipContract } from "@orgboard/contract-membership";
import { subtreeBounds } from "../../db/paths.js";
import type { RowOf } from "../../db/rows.js";
import { Prisma, type OrgYearStat, type PartyOrganization, type Target } from "../../generated/prisma/client.js";
import { procedure } from "../procedure.js";
import { findOrg } from "../records.js";

const c = membershipContract.procedures;

// Raw SQL by measurement (#12): the sums over a subtree's counters are the report's hot path
// (bench/small.bench.ts, kpi.summary; bench/report.bench.ts for the same counters at national scale);
// Prisma's groupBy cannot sum a correlated subtree per child. Row types from the Prisma models (db/rows.ts).
type ChildRow = RowOf<PartyOrganization, "path" | "name"> & { admitted: OrgYearStat["admissions"]; plan: Target["admissionsPlan"] };
type RatingSums = RowOf<OrgYearStat, "member_excellent" | "member_good" | "member_completed" | "member_not_completed">;

/** `column` in the subtree of `path`: the byte-wise range on the text_pattern_ops index (db/paths.ts). */
function inSubtree(column: string, path: string): Prisma.Sql {
  const [lo, hi] = subtreeBounds(path);
  const col = Prisma.raw(column);
  return Prisma.sql`(${col} ~>=~ ${lo} AND ${col} ~<~ ${hi})`;
}

/**
 * The dashboard's live KPI snapshot: admissions against plan per child organization, and the rating
 * distribution, from the trigger-maintained counters. Read in one REPEATABLE READ transaction with the
 * outbox high-water mark, so "snapshot + events after lastEventId" counts every change exactly once.
 */
export const kpiSummaryRoute = procedure("membership.kpi.read", { resource: "orgPath" })
  .input(c.kpi.summary.input)
  .output(c.kpi.summary.output)
  .query(({ ctx, input }) =>
    ctx.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        const parentId = input.orgPath === "/" ? null : (await findOrg(tx, input.orgPath)).id;
        const rows = await tx.$queryRaw<ChildRow[]>`
          SELECT c.path, c.name,
                 coalesce((SELECT sum(s.admissions) FROM org_year_stat s
                            WHERE s.year = ${input.year}::int AND s.org_path ~>=~ c.path AND s.org_path ~<~ (left(c.path, -1) || '0')), 0)::int AS admitted,
                 coalesce(t.admissions_plan, 0)::int AS plan
            FROM party_organization c LEFT JOIN target t ON t.org_id = c.id AND t.year = ${input.year}::int
           WHERE ${parentId === null ? Prisma.sql`c.parent_id IS NULL` : Prisma.sql`c.parent_id = ${parentId}::int`}
             AND (c.closed_on IS NULL OR c.closed_on >= make_date(${input.year}::int, 1, 1))
           ORDER BY c.code COLLATE "C"`;
        const scope = input.orgPath === "/" ? Prisma.sql`TRUE` : inSubtree("org_path", input.orgPath);
        const [d] = await tx.$queryRaw<RatingSums[]>`
          SELECT coalesce(sum(member_excellent), 0)::int AS member_excellent, coalesce(sum(member_good), 0)::int AS member_good,
                 coalesce(sum(member_completed), 0)::int AS member_completed, coalesce(sum(member_not_completed), 0)::int AS member_not_completed
            FROM org_year_stat WHERE year = ${input.year}::int AND ${scope}`;
        const mark = await tx.outboxEvent.aggregate({ _max: { id: true } });
        return {
          orgPath: input.orgPath,
          year: input.year,
          rows: rows.map((x) => ({ orgPath: x.path, name: x.name, admitted: x.admitted, plan: x.plan })),
          ratings: [
            { level: "excellent" as const, count: d!.member_excellent },
            { level: "good" as const, count: d!.member_good },
            { level: "completed" as const, count: d!.member_completed },
            { level: "not_completed" as const, count: d!.member_not_completed },
          ],
          lastEventId: mark._max.id === null ? null : String(mark._max.id),
        };
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    ),
  );
