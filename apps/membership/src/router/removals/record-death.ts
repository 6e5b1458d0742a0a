import { membershipContract } from "@orgboard/contract-membership";
import { throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember, memberView } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { endMembership } from "../members/membership-ops.js";

const c = membershipContract.procedures;

/** Records a member's death: the membership period ends on that day; the record and its history stay. */
export const recordDeathRoute = procedure("membership.deaths.record")
  .input(c.removals.recordDeath.input)
  .output(c.removals.recordDeath.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const m = await loadMember(tx, input.memberId, "memberId", true);
      ctx.assertCan({ orgPath: m.org_path });
      const early = input.diedOn < m.birth_date ? [{ field: "diedOn", code: "before_birth", message: "is before the birth date" }] : [];
      throwIf([...notAfterToday(input.diedOn, ctx.today(), "diedOn"), ...early]);
      await endMembership(tx, m, input.diedOn, "death", "deceased", "diedOn");
      await tx.query(`INSERT INTO death (member_id, org_path, died_on) VALUES ($1, $2, $3)`, [m.id, m.org_path, input.diedOn]);
      const member = memberView(await loadMember(tx, m.id));
      return {
        result: member,
        change: { entity: "Death", entityId: m.id, orgPath: m.org_path, before: { status: m.status }, after: { diedOn: input.diedOn } },
        events: [membershipEvent("membership.member.died", m.org_path, m.id, { memberId: m.id, diedOn: input.diedOn })],
      };
    }),
  );
