import { membershipContract } from "@orgboard/contract-membership";
import { recordCallerChange } from "@orgboard/events";
import { notFoundMember, throwIf } from "../errors.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember, memberViewOf } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { recordRemovalOf } from "./removal-ops.js";

const c = membershipContract.procedures;

/**
 * A member leaves the Party (expelled, struck off, allowed to leave): the membership period ends, the
 * member's status becomes "removed", the decision is kept. Nothing is deleted: the history stays.
 */
export const removeMemberRoute = procedure("membership.removals.record")
  .input(c.removals.remove.input)
  .output(c.removals.remove.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const m = await findMember(tx, input.memberId, "memberId", true);
      assertInScope(ctx, m.orgPath, () => notFoundMember("memberId"));
      throwIf(notAfterToday(input.removedOn, ctx.today(), "removedOn"));
      const { change, event } = await recordRemovalOf(tx, m, { kind: input.kind, removedOn: input.removedOn, decisionNumber: input.decisionNumber, reason: input.reason });
      await recordCallerChange(tx, ctx, { ...change, events: [event] });
      return memberViewOf(await findMember(tx, m.id));
    }),
  );
