import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { notFoundMember, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember, memberViewOf } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { endMembershipOf } from "../members/membership-ops.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Records a member's death: the membership period ends on that day; the record and its history stay. */
export const recordDeathRoute = procedure("membership.deaths.record")
  .input(c.removals.recordDeath.input)
  .output(c.removals.recordDeath.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const m = await findMember(tx, input.memberId, "memberId", true);
      assertInScope(ctx, m.orgPath, () => notFoundMember("memberId"));
      const early = input.diedOn < fromDbDate(m.birthDate) ? [{ field: "diedOn", code: "before_birth", message: bilingual("trước ngày sinh", "is before the birth date") }] : [];
      throwIf([...notAfterToday(input.diedOn, ctx.today(), "diedOn"), ...early]);
      await endMembershipOf(tx, m, input.diedOn, "death", "deceased", "diedOn");
      await tx.death.create({ data: { memberId: m.id, orgPath: m.orgPath, diedOn: toDbDate(input.diedOn) } });
      await recordCallerChange(tx, ctx, {
        entity: "Death",
        entityId: m.id,
        orgPath: m.orgPath,
        before: { status: m.status },
        after: { diedOn: input.diedOn },
        events: [membershipEvent("membership.member.died", m.orgPath, m.id, { memberId: m.id, diedOn: input.diedOn })],
      });
      return memberViewOf(await findMember(tx, m.id));
    }),
  );
