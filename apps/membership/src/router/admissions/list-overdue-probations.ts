import { membershipContract, type ProbationItem } from "@orgboard/contract-membership";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { probationStatus } from "../../domain/admission.js";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { inSubtreesWhere, listScope } from "../scope.js";

const c = membershipContract.procedures;

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
      const rows = await ctx.prisma.admission.findMany({
        where: {
          outcome: null,
          probationEndsOn: { lte: toDbDate(asOf) },
          member: { status: "probationary", ...inSubtreesWhere("orgPath", scope) },
          ...(after
            ? { OR: [{ probationEndsOn: { gt: toDbDate(after[0]) } }, { probationEndsOn: toDbDate(after[0]), memberId: { gt: after[1] } }] }
            : {}),
        },
        orderBy: [{ probationEndsOn: "asc" }, { memberId: "asc" }],
        take: BATCH,
        select: { memberId: true, probationEndsOn: true, member: { select: { fullName: true, orgPath: true, admittedOn: true } } },
      });
      for (const row of rows) {
        const r = { member_id: row.memberId, full_name: row.member.fullName, org_path: row.member.orgPath, admitted_on: fromDbDate(row.member.admittedOn), probation_ends_on: fromDbDate(row.probationEndsOn) };
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
