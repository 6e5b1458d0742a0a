import { membershipContract } from "@orgboard/contract-membership";
import { checkBadgeAward } from "../../domain/party-age.js";
import { RuleError, conflict, notFound, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { badgeView, type BadgeRow } from "./badge-view.js";
import { badgeLevels, partyAgeFacts } from "./party-age-facts.js";

const c = membershipContract.procedures;

/** Records the decision awarding a proposed badge; the party age is checked again on the award date. */
export const awardBadgeRoute = procedure("membership.badges.award")
  .input(c.badges.award.input)
  .output(c.badges.award.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const { rows: found } = await tx.query<BadgeRow>(
        `SELECT id, member_id, org_path, years, proposed_on, awarded_on, decision_number FROM badge_award WHERE id = $1 FOR UPDATE`,
        [input.badgeId],
      );
      const badge = found[0];
      if (!badge) throw notFound("badgeId", `no badge proposal has the id ${input.badgeId}`);
      ctx.assertCan({ orgPath: badge.org_path });
      if (badge.awarded_on) throw conflict("badgeId", "already_awarded", `the badge was awarded on ${badge.awarded_on}`);
      const early = input.awardedOn < badge.proposed_on ? [{ field: "awardedOn", code: "before_proposal", message: `is before the proposal (${badge.proposed_on})` }] : [];
      throwIf([...notAfterToday(input.awardedOn, ctx.today(), "awardedOn"), ...early]);
      const m = await loadMember(tx, badge.member_id, "badgeId", true);
      const levels = (await badgeLevels(tx, [m.id])).get(m.id) ?? { proposed: [], awarded: [] };
      const facts = (await partyAgeFacts(tx, [m])).get(m.id)!;
      const result = checkBadgeAward({ facts, years: badge.years, awardOn: input.awardedOn, status: m.status, alreadyAwarded: levels.awarded, circumstance: input.circumstance });
      if (!result.ok) {
        const v = result.violations.map((x) => ({ ...x, field: x.field === "status" || x.field === "years" ? "badgeId" : x.field === "awardOn" ? "awardedOn" : x.field }));
        const state = v.filter((x) => x.field === "badgeId");
        throw new RuleError(state.length > 0 ? "CONFLICT" : "BAD_REQUEST", state.length > 0 ? state : v);
      }
      const { rows } = await tx.query<BadgeRow>(
        `UPDATE badge_award SET awarded_on = $2, decision_number = $3 WHERE id = $1
         RETURNING id, member_id, org_path, years, proposed_on, awarded_on, decision_number`,
        [badge.id, input.awardedOn, input.decisionNumber],
      );
      const view = badgeView(rows[0]!, result.value.reachedOn);
      return {
        result: view,
        change: { entity: "BadgeAward", entityId: view.id, orgPath: badge.org_path, before: badgeView(badge, result.value.reachedOn), after: view },
        events: [membershipEvent("membership.badge.awarded", badge.org_path, view.id, { badgeId: view.id, memberId: m.id, years: view.years, awardedOn: input.awardedOn })],
      };
    }),
  );
