import { membershipContract } from "@orgboard/contract-membership";
import { checkBadgeAward, nextBadgeOccasion } from "../../domain/party-age.js";
import { RuleError, conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { badgeView, type BadgeRow } from "./badge-view.js";
import { badgeLevels, partyAgeFacts } from "./party-age-facts.js";

const c = membershipContract.procedures;

/** Proposes a party-age badge for a member, for the next presentation occasion. */
export const proposeBadgeRoute = procedure("membership.badges.propose")
  .input(c.badges.propose.input)
  .output(c.badges.propose.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const m = await loadMember(tx, input.memberId, "memberId", true);
      ctx.assertCan({ orgPath: m.org_path });
      const proposedOn = input.proposedOn ?? ctx.today();
      throwIf(notAfterToday(proposedOn, ctx.today(), "proposedOn"));
      const levels = (await badgeLevels(tx, [m.id])).get(m.id) ?? { proposed: [], awarded: [] };
      if (levels.proposed.includes(input.years as never)) throw conflict("years", "already_proposed", `the ${input.years}-year badge is already proposed for this member`);
      const facts = (await partyAgeFacts(tx, [m])).get(m.id)!;
      const result = checkBadgeAward({ facts, years: input.years, awardOn: nextBadgeOccasion(proposedOn), status: m.status, alreadyAwarded: levels.awarded, circumstance: input.circumstance });
      if (!result.ok) {
        const v = result.violations.map((x) => ({ ...x, field: x.field === "status" ? "memberId" : x.field === "awardOn" ? "proposedOn" : x.field }));
        const state = v.filter((x) => x.field === "memberId" || x.code === "already_awarded" || x.code === "lower_than_awarded");
        throw new RuleError(state.length > 0 ? "CONFLICT" : "BAD_REQUEST", state.length > 0 ? state : v);
      }
      const { rows } = await tx.query<BadgeRow>(
        `INSERT INTO badge_award (member_id, org_path, years, proposed_on) VALUES ($1, $2, $3, $4)
         RETURNING id, member_id, org_path, years, proposed_on, awarded_on, decision_number`,
        [m.id, m.org_path, input.years, proposedOn],
      );
      const view = badgeView(rows[0]!, result.value.reachedOn);
      return {
        result: view,
        change: { entity: "BadgeAward", entityId: view.id, orgPath: m.org_path, after: { ...view, circumstance: input.circumstance } },
        events: [membershipEvent("membership.badge.proposed", m.org_path, view.id, { badgeId: view.id, memberId: m.id, years: result.value.years, proposedOn })],
      };
    }),
  );
