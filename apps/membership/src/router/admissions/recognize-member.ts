import { membershipContract } from "@orgboard/contract-membership";
import { decideProbation, probationEndDate } from "../../domain/admission.js";
import { conflict, notFoundMember, RuleError, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember, memberView } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { assertInScope } from "../scope.js";
import { endMembership } from "../members/membership-ops.js";

const c = membershipContract.procedures;

// Still on mutate() and the raw `Sql` handle: a "not recognized" ends the membership with endMembership
// (members/membership-ops.ts), which removals and the inspection decision consumer share inside their
// `Sql` transactions. It moves to Prisma with them.

/**
 * The end of probation: recognized as official (on the day probation ends, however late the decision)
 * or not recognized (struck off the list: the membership ends, the removal is kept in the history).
 */
export const recognizeMemberRoute = procedure("membership.admissions.manage")
  .input(c.admissions.recognize.input)
  .output(c.admissions.recognize.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const m = await loadMember(tx, input.memberId, "memberId", true);
      assertInScope(ctx, m.org_path, () => notFoundMember("memberId")); // like an unknown id (#9)
      if (m.status !== "probationary") throw conflict("memberId", "not_probationary", `only a probationary member can be decided on (status is ${m.status})`);
      const decision = decideProbation({
        admittedOn: m.admitted_on,
        outcome: input.outcome,
        decidedOn: input.decidedOn,
        newMemberCourseCompletedOn: input.newMemberCourseCompletedOn ?? null,
        currentStatus: m.status,
        cellVote: input.cellVote,
        reason: input.reason ?? undefined,
      });
      if (!decision.ok) throw new RuleError("BAD_REQUEST", decision.violations);
      throwIf(notAfterToday(input.decidedOn, ctx.today(), "decidedOn"));
      const d = decision.value;

      // Members recorded without an admission row (imports) get theirs now: probation is tracked on it.
      await tx.query(
        `INSERT INTO admission (member_id, org_id, org_path, admitted_on, probation_ends_on)
         SELECT id, org_id, org_path, admitted_on, $2 FROM member WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM admission WHERE member_id = $1)`,
        [m.id, probationEndDate(m.admitted_on)],
      );
      await tx.query(`UPDATE admission SET outcome = $2, outcome_on = $3 WHERE member_id = $1`, [m.id, d.outcome, input.decidedOn]);
      if (d.outcome === "recognized") {
        await tx.query(`UPDATE member SET status = 'official', official_on = $2, updated_at = now() WHERE id = $1`, [m.id, d.officialOn]);
      } else {
        await endMembership(tx, m, input.decidedOn, "removal", "removed", "decidedOn");
        await tx.query(`INSERT INTO removal (member_id, org_path, kind, removed_on, reason) VALUES ($1, $2, 'struck_off', $3, $4)`, [m.id, m.org_path, input.decidedOn, input.reason ?? null]);
      }
      const member = memberView(await loadMember(tx, m.id));
      const change = { entity: "Admission", entityId: m.id, orgPath: m.org_path, before: { status: m.status }, after: { outcome: d.outcome, decidedOn: input.decidedOn, officialOn: d.officialOn, late: d.late, reason: input.reason ?? null } };
      return {
        result: { ...member, late: d.late },
        change,
        events: [
          d.outcome === "recognized"
            ? membershipEvent("membership.admission.recognized", m.org_path, m.id, { memberId: m.id, officialOn: d.officialOn!, decidedOn: input.decidedOn, late: d.late })
            : membershipEvent("membership.admission.not_recognized", m.org_path, m.id, { memberId: m.id, decidedOn: input.decidedOn }),
        ],
      };
    }),
  );
