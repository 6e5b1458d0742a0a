import { membershipContract } from "@orgboard/contract-membership";
import type { RowOf } from "../../db/rows.js";
import type { Database } from "../../db/sql.js";
import type { OrgYearStat, PartyOrganization, Target } from "../../generated/prisma/client.js";
import { procedure } from "../procedure.js";
import { loadOrg } from "../records.js";
import { noticeFor, readMarks } from "../restructuring/notice.js";
import { Params, inSubtrees } from "../sql.js";

const c = membershipContract.procedures;

// Raw SQL by measurement (#12): sums over a subtree's counters per child (a correlated sum Prisma's
// groupBy cannot express), read-only, on the `Sql` handle. bench/small.bench.ts (kpi.summary) measured
// the same queries in a Prisma interactive transaction ($queryRaw) at 1.5–3× this; the counters at
// national scale: bench/report.bench.ts. Row types from the Prisma models (db/rows.ts).
type ChildRow = RowOf<PartyOrganization, "path" | "name"> & { admitted: OrgYearStat["admissions"]; plan: Target["admissionsPlan"] };
type RatingSums = RowOf<OrgYearStat, "member_excellent" | "member_good" | "member_completed" | "member_not_completed">;

/**
 * The dashboard's live KPI snapshot: admissions against plan per child organization, and the rating
 * distribution, from the trigger-maintained counters. Read in one REPEATABLE READ transaction with the
 * outbox high-water mark, so "snapshot + events after lastEventId" counts every change exactly once.
 */
export const kpiSummaryRoute = procedure("membership.kpi.read", { resource: "orgPath" })
  .input(c.kpi.summary.input)
  .output(c.kpi.summary.output)
  .query(async ({ ctx, input }) => ({
    ...(await summary(ctx, input)),
    // Read apart from the snapshot's transaction (PGlite has one connection): the marks change rarely.
    restructuring: noticeFor(await readMarks(ctx.prisma), input.orgPath, "scope"),
  }));

function summary(ctx: { db: Database }, input: { orgPath: string; year: number }) {
  return ctx.db.transaction(async (tx) => {
      await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const parentId = input.orgPath === "/" ? null : (await loadOrg(tx, input.orgPath)).id;
      const { rows } = await tx.query<ChildRow>(
        `SELECT c.path, c.name,
                coalesce((SELECT sum(s.admissions) FROM org_year_stat s
                           WHERE s.year = $2 AND s.org_path ~>=~ c.path AND s.org_path ~<~ (left(c.path, -1) || '0')), 0)::int AS admitted,
                coalesce(t.admissions_plan, 0)::int AS plan
           FROM party_organization c LEFT JOIN target t ON t.org_id = c.id AND t.year = $2
          WHERE ${parentId === null ? "c.parent_id IS NULL AND $1::int IS NULL" : "c.parent_id = $1::int"} AND (c.closed_on IS NULL OR c.closed_on >= make_date($2, 1, 1))
          ORDER BY c.code COLLATE "C"`,
        [parentId, input.year],
      );
      const p = new Params();
      const { rows: sums } = await tx.query<RatingSums>(
        `SELECT coalesce(sum(member_excellent), 0)::int AS member_excellent, coalesce(sum(member_good), 0)::int AS member_good,
                coalesce(sum(member_completed), 0)::int AS member_completed, coalesce(sum(member_not_completed), 0)::int AS member_not_completed
           FROM org_year_stat WHERE year = ${p.add(input.year)}::int AND ${inSubtrees("org_path", [input.orgPath], p)}`,
        p.values,
      );
      const { rows: mark } = await tx.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM outbox_event`);
      const d = sums[0]!;
      return {
        orgPath: input.orgPath,
        year: input.year,
        rows: rows.map((x) => ({ orgPath: x.path, name: x.name, admitted: x.admitted, plan: x.plan })),
        ratings: [
          { level: "excellent" as const, count: d.member_excellent },
          { level: "good" as const, count: d.member_good },
          { level: "completed" as const, count: d.member_completed },
          { level: "not_completed" as const, count: d.member_not_completed },
        ],
        lastEventId: mark[0]?.id ?? null,
      };
  });
}
