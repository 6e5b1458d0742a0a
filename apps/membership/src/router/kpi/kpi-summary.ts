import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { loadOrg } from "../records.js";
import { Params, inSubtrees } from "../sql.js";

const c = membershipContract.procedures;

/**
 * The dashboard's live KPI snapshot: admissions against plan per child organization, and the rating
 * distribution, from the trigger-maintained counters. Read in one REPEATABLE READ transaction with the
 * outbox high-water mark, so "snapshot + events after lastEventId" counts every change exactly once.
 */
export const kpiSummaryRoute = procedure("membership.kpi.read", { resource: "orgPath" })
  .input(c.kpi.summary.input)
  .output(c.kpi.summary.output)
  .query(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const parentId = input.orgPath === "/" ? null : (await loadOrg(tx, input.orgPath)).id;
      const { rows } = await tx.query<{ path: string; name: string; admitted: number; plan: number }>(
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
      const { rows: r } = await tx.query<{ excellent: number; good: number; completed: number; not_completed: number }>(
        `SELECT coalesce(sum(member_excellent), 0)::int AS excellent, coalesce(sum(member_good), 0)::int AS good,
                coalesce(sum(member_completed), 0)::int AS completed, coalesce(sum(member_not_completed), 0)::int AS not_completed
           FROM org_year_stat WHERE year = ${p.add(input.year)}::int AND ${inSubtrees("org_path", [input.orgPath], p)}`,
        p.values,
      );
      const { rows: mark } = await tx.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM outbox_event`);
      const d = r[0]!;
      return {
        orgPath: input.orgPath,
        year: input.year,
        rows: rows.map((x) => ({ orgPath: x.path, name: x.name, admitted: x.admitted, plan: x.plan })),
        ratings: [
          { level: "excellent" as const, count: d.excellent },
          { level: "good" as const, count: d.good },
          { level: "completed" as const, count: d.completed },
          { level: "not_completed" as const, count: d.not_completed },
        ],
        lastEventId: mark[0]?.id ?? null,
      };
    }),
  );
