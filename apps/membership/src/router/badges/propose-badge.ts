import { membershipContract } from "@orgboard/contract-membership";
import { toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import type { MemberStatus } from "../../domain/enums.js";
import { checkBadgeAward, nextBadgeOccasion } from "../../domain/party-age.js";
import { conflict, notFoundMember, RuleError, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { badgeView } from "./badge-view.js";
import { badgeLevels, partyAgeFacts } from "./party-age-facts.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Proposes a party-age badge for a member, for the next presentation occasion. */
export const proposeBadgeRoute = procedure("membership.badges.propose")
  .input(c.badges.propose.input)
  .output(c.badges.propose.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const m = await findMember(tx, input.memberId, "memberId", true);
      assertInScope(ctx, m.orgPath, () => notFoundMember("memberId"));
      const proposedOn = input.proposedOn ?? ctx.today();
      throwIf(notAfterToday(proposedOn, ctx.today(), "proposedOn"));
      const levels = (await badgeLevels(tx, [m.id])).get(m.id) ?? { proposed: [], awarded: [] };
      if (levels.proposed.includes(input.years as never)) throw conflict("years", "already_proposed", bilingual(`huy hiệu ${input.years} năm tuổi Đảng đã được đề nghị cho đảng viên này`, `the ${input.years}-year badge is already proposed for this member`));
      const facts = (await partyAgeFacts(tx, [m])).get(m.id)!;
      const result = checkBadgeAward({ facts, years: input.years, awardOn: nextBadgeOccasion(proposedOn), status: m.status as MemberStatus, alreadyAwarded: levels.awarded, circumstance: input.circumstance });
      if (!result.ok) {
        const v = result.violations.map((x) => ({ ...x, field: x.field === "status" ? "memberId" : x.field === "awardOn" ? "proposedOn" : x.field }));
        const state = v.filter((x) => x.field === "memberId" || x.code === "already_awarded" || x.code === "lower_than_awarded");
        throw new RuleError(state.length > 0 ? "CONFLICT" : "BAD_REQUEST", state.length > 0 ? state : v);
      }
      const created = await tx.badgeAward.create({ data: { memberId: m.id, orgPath: m.orgPath, years: input.years, proposedOn: toDbDate(proposedOn) } });
      const view = badgeView(created, result.value.reachedOn);
      await recordCallerChange(tx, ctx, {
        entity: "BadgeAward",
        entityId: view.id,
        orgPath: m.orgPath,
        after: { ...view, circumstance: input.circumstance },
        events: [membershipEvent("membership.badge.proposed", m.orgPath, view.id, { badgeId: view.id, memberId: m.id, years: result.value.years, proposedOn })],
      });
      return view;
    }),
  );
