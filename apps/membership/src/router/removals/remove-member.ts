import { membershipContract } from "@orgboard/contract-membership";
import { throwIf } from "../errors.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember, memberView } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { recordRemoval } from "./removal-ops.js";

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
      const { change, event } = await recordRemoval(tx, m, { kind: input.kind, removedOn: input.removedOn, decisionNumber: input.decisionNumber, reason: input.reason });
      return { result: memberView(await loadMember(tx, m.id)), change, events: [event] };
    }),
  );
