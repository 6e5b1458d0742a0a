import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import type { MemberStatus } from "../../domain/enums.js";
import { checkBadgeAward } from "../../domain/party-age.js";
import { RuleError, conflict, notFound, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findMember } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { badgeView } from "./badge-view.js";
import { badgeLevels, partyAgeFacts } from "./party-age-facts.js";

const c = membershipContract.procedures;

/** Records the decision awarding a proposed badge; the party age is checked again on the award date. */
export const awardBadgeRoute = procedure("membership.badges.award")
  .input(c.badges.award.input)
  .output(c.badges.award.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      // Row lock until commit (Prisma has no FOR UPDATE): two awards of one proposal serialize here.
      await tx.$executeRaw`SELECT 1 FROM badge_award WHERE id = ${input.badgeId} FOR UPDATE`;
      const badge = await tx.badgeAward.findUnique({ where: { id: input.badgeId } });
      // One answer for a proposal that does not exist and one outside the caller's scope (#9 finding 5).
      if (!badge || !ctx.can({ orgPath: badge.orgPath })) throw notFound("badgeId", bilingual("không có đề nghị huy hiệu này trong phạm vi của bạn", "no such badge proposal in your scope"));
      if (badge.awardedOn) throw conflict("badgeId", "already_awarded", bilingual(`huy hiệu đã được trao ngày ${fromDbDate(badge.awardedOn)}`, `the badge was awarded on ${fromDbDate(badge.awardedOn)}`));
      const proposedOn = fromDbDate(badge.proposedOn);
      const early = input.awardedOn < proposedOn ? [{ field: "awardedOn", code: "before_proposal", message: bilingual(`trước ngày đề nghị (${proposedOn})`, `is before the proposal (${proposedOn})`) }] : [];
      throwIf([...notAfterToday(input.awardedOn, ctx.today(), "awardedOn"), ...early]);
      const m = await findMember(tx, badge.memberId, "badgeId", true);
      const levels = (await badgeLevels(tx, [m.id])).get(m.id) ?? { proposed: [], awarded: [] };
      const facts = (await partyAgeFacts(tx, [m])).get(m.id)!;
      const result = checkBadgeAward({ facts, years: badge.years, awardOn: input.awardedOn, status: m.status as MemberStatus, alreadyAwarded: levels.awarded, circumstance: input.circumstance });
      if (!result.ok) {
        const v = result.violations.map((x) => ({ ...x, field: x.field === "status" || x.field === "years" ? "badgeId" : x.field === "awardOn" ? "awardedOn" : x.field }));
        const state = v.filter((x) => x.field === "badgeId");
        throw new RuleError(state.length > 0 ? "CONFLICT" : "BAD_REQUEST", state.length > 0 ? state : v);
      }
      const updated = await tx.badgeAward.update({ where: { id: badge.id }, data: { awardedOn: toDbDate(input.awardedOn), decisionNumber: input.decisionNumber } });
      const view = badgeView(updated, result.value.reachedOn);
      await recordCallerChange(tx, ctx, {
        entity: "BadgeAward",
        entityId: view.id,
        orgPath: badge.orgPath,
        before: badgeView(badge, result.value.reachedOn),
        after: view,
        events: [membershipEvent("membership.badge.awarded", badge.orgPath, view.id, { badgeId: view.id, memberId: m.id, years: view.years, awardedOn: input.awardedOn })],
      });
      return view;
    }),
  );
