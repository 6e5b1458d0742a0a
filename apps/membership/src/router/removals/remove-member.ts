import { membershipContract } from "@orgboard/contract-membership";
import { throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember, memberView } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { endMembership } from "../members/membership-ops.js";

const c = membershipContract.procedures;

/**
 * A member leaves the Party (expelled, struck off, allowed to leave): the membership period ends, the
 * member's status becomes "removed", the decision is kept. Nothing is deleted: the history stays.
 */
export const removeMemberRoute = procedure("membership.removals.record")
  .input(c.removals.remove.input)
  .output(c.removals.remove.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const m = await loadMember(tx, input.memberId, "memberId", true);
      ctx.assertCan({ orgPath: m.org_path });
      throwIf(notAfterToday(input.removedOn, ctx.today(), "removedOn"));
      await endMembership(tx, m, input.removedOn, "removal", "removed", "removedOn");
      await tx.query(`INSERT INTO removal (member_id, org_path, kind, removed_on, decision_number, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
        m.id, m.org_path, input.kind, input.removedOn, input.decisionNumber, input.reason,
      ]);
      const member = memberView(await loadMember(tx, m.id));
      return {
        result: member,
        change: { entity: "Removal", entityId: m.id, orgPath: m.org_path, before: { status: m.status }, after: { kind: input.kind, removedOn: input.removedOn, decisionNumber: input.decisionNumber, reason: input.reason } },
        events: [membershipEvent("membership.member.removed", m.org_path, m.id, { memberId: m.id, kind: input.kind, removedOn: input.removedOn })],
      };
    }),
  );
