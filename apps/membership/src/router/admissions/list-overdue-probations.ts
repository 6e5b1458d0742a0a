import { membershipContract, type ProbationItem } from "@orgboard/contract-membership";
import { probationStatus } from "../../domain/admission.js";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";

const c = membershipContract.procedures;

interface Row {
  member_id: number;
  full_name: string;
  org_path: string;
  admitted_on: string;
  probation_ends_on: string;
}

const BATCH = 500;

/** Probationary members whose 12 months are over without a decision, oldest first. */
export const listOverdueProbationsRoute = procedure("membership.admissions.read")
  .input(c.admissions.overdue.input)
  .output(c.admissions.overdue.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const asOf = input.asOf ?? ctx.today();
    let after = decodeCursor(input.cursor, ["date", "number"] as const);
    const items: ProbationItem[] = [];
    let more = false;
    let position: [string, number] | null = null;
    // The review deadline counts working days (not expressible in SQL without the holiday calendar):
    // fetch candidates by end date, keep those the domain rule says are (over)due.
    for (;;) {
      const p = new Params();
      const where = [inSubtrees("m.org_path", scope, p), "a.outcome IS NULL", "m.status = 'probationary'", `a.probation_ends_on <= ${p.add(asOf)}::date`];
      if (after) where.push(`(a.probation_ends_on, a.member_id) > (${p.add(after[0])}::date, ${p.add(after[1])}::int)`);
      const { rows } = await ctx.db.query<Row>(
        `SELECT a.member_id, m.full_name, m.org_path, m.admitted_on, a.probation_ends_on
           FROM admission a JOIN member m ON m.id = a.member_id WHERE ${where.join(" AND ")}
          ORDER BY a.probation_ends_on, a.member_id LIMIT ${BATCH}`,
        p.values,
      );
      for (const r of rows) {
        const s = probationStatus({ admittedOn: r.admitted_on, outcome: null }, asOf);
        after = [r.probation_ends_on, r.member_id];
        if (!s.pastDue || (input.onlyOverdue && !s.overdue)) continue;
        if (items.length === input.limit) {
          more = true;
          break;
        }
        position = [r.probation_ends_on, r.member_id];
        items.push({
          memberId: r.member_id,
          fullName: r.full_name,
          orgPath: r.org_path,
          admittedOn: r.admitted_on,
          dueOn: s.dueOn,
          reviewDeadline: s.reviewDeadline,
          stage: s.overdue ? "overdue" : "awaiting_decision",
          daysPastDue: -s.daysUntilDue,
        });
      }
      if (more || rows.length < BATCH) break;
    }
    return { asOf, items, nextCursor: more && position ? encodeCursor(position) : null };
  });
