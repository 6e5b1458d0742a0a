import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { decideProbation, probationEndDate } from "../../domain/admission.js";
import type { MemberStatus } from "../../domain/enums.js";
import { conflict, notFoundMember, RuleError, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findMember, memberViewOf } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { assertInScope } from "../scope.js";
import { endMembershipOf } from "../members/membership-ops.js";

const c = membershipContract.procedures;

/**
 * The end of probation: recognized as official (on the day probation ends, however late the decision)
 * or not recognized (struck off the list: the membership ends, the removal is kept in the history).
 */
export const recognizeMemberRoute = procedure("membership.admissions.manage")
  .input(c.admissions.recognize.input)
  .output(c.admissions.recognize.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const m = await findMember(tx, input.memberId, "memberId", true);
      assertInScope(ctx, m.orgPath, () => notFoundMember("memberId")); // like an unknown id (#9)
      const status = m.status as MemberStatus;
      if (status !== "probationary") throw conflict("memberId", "not_probationary", bilingual(`chỉ xét công nhận đảng viên dự bị (trạng thái hiện tại: ${status})`, `only a probationary member can be decided on (status is ${status})`));
      const admittedOn = fromDbDate(m.admittedOn);
      const decision = decideProbation({
        admittedOn,
        outcome: input.outcome,
        decidedOn: input.decidedOn,
        newMemberCourseCompletedOn: input.newMemberCourseCompletedOn ?? null,
        currentStatus: status,
        cellVote: input.cellVote,
        reason: input.reason ?? undefined,
      });
      if (!decision.ok) throw new RuleError("BAD_REQUEST", decision.violations);
      throwIf(notAfterToday(input.decidedOn, ctx.today(), "decidedOn"));
      const d = decision.value;

      // Members recorded without an admission row (imports) get theirs now: probation is tracked on it.
      await tx.admission.upsert({
        where: { memberId: m.id },
        create: { memberId: m.id, orgId: m.orgId, orgPath: m.orgPath, admittedOn: m.admittedOn, probationEndsOn: toDbDate(probationEndDate(admittedOn)), outcome: d.outcome, outcomeOn: toDbDate(input.decidedOn) },
        update: { outcome: d.outcome, outcomeOn: toDbDate(input.decidedOn) },
      });
      if (d.outcome === "recognized") {
        await tx.member.update({ where: { id: m.id }, data: { status: "official", officialOn: toDbDate(d.officialOn!) } });
      } else {
        await endMembershipOf(tx, m, input.decidedOn, "removal", "removed", "decidedOn");
        await tx.removal.create({ data: { memberId: m.id, orgPath: m.orgPath, kind: "struck_off", removedOn: toDbDate(input.decidedOn), reason: input.reason ?? null } });
      }
      const member = memberViewOf(await findMember(tx, m.id));
      await recordCallerChange(tx, ctx, {
        entity: "Admission",
        entityId: m.id,
        orgPath: m.orgPath,
        before: { status },
        after: { outcome: d.outcome, decidedOn: input.decidedOn, officialOn: d.officialOn, late: d.late, reason: input.reason ?? null },
        events: [
          d.outcome === "recognized"
            ? membershipEvent("membership.admission.recognized", m.orgPath, m.id, { memberId: m.id, officialOn: d.officialOn!, decidedOn: input.decidedOn, late: d.late })
            : membershipEvent("membership.admission.not_recognized", m.orgPath, m.id, { memberId: m.id, decidedOn: input.decidedOn }),
        ],
      });
      return { ...member, late: d.late };
    }),
  );
