import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDateOrNull, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { conflict, notFoundMember, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/**
 * Issues a party card to an official member: earlier active cards become "replaced", the member's card
 * number is updated, the chip serial and the identity link (the member's national ID as identityRef; nothing
 * is checked against the national population database) are recorded. A reissue may keep the member's own
 * number (a chip card replacing a paper one, a lost card): only a number held by ANOTHER member, now or on
 * an earlier card, is refused. A chip already linked to another card fails on the database's unique
 * constraint and the whole issue is rolled back.
 */
export const issueCardRoute = procedure("membership.cards.issue")
  .input(c.cards.issue.input)
  .output(c.cards.issue.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const m = await findMember(tx, input.memberId, "memberId", true);
      assertInScope(ctx, m.orgPath, () => notFoundMember("memberId"));
      if (m.status !== "official") throw conflict("memberId", "not_official", bilingual(`thẻ đảng viên chỉ cấp cho đảng viên chính thức (trạng thái hiện tại: ${m.status})`, `party cards are issued to official members (status is ${m.status})`));
      const officialOn = fromDbDateOrNull(m.officialOn);
      const early = officialOn && input.issuedOn < officialOn ? [{ field: "issuedOn", code: "before_official", message: bilingual(`trước ngày đảng viên được công nhận chính thức (${officialOn})`, `is before the member became official (${officialOn})`) }] : [];
      throwIf([...notAfterToday(input.issuedOn, ctx.today(), "issuedOn"), ...early]);
      const [onOtherCards, heldByOther] = await Promise.all([
        tx.partyCard.count({ where: { number: input.number, memberId: { not: m.id } } }),
        tx.member.count({ where: { partyCardNumber: input.number, id: { not: m.id } } }),
      ]);
      if (onOtherCards + heldByOther > 0) throw conflict("number", "duplicate", bilingual(`số thẻ đảng viên ${input.number} đã được dùng`, `party card number ${input.number} is already used`));

      const replaced = await tx.partyCard.updateMany({ where: { memberId: m.id, status: "active" }, data: { status: "replaced" } });
      await tx.member.update({ where: { id: m.id }, data: { partyCardNumber: input.number } });
      const identityRef = input.linkIdentity ? m.nationalId : null;
      const card = await tx.partyCard.create({
        data: {
          memberId: m.id,
          number: input.number,
          orgPath: m.orgPath,
          issuedOn: toDbDate(input.issuedOn),
          decisionNumber: input.decisionNumber ?? null,
          chipId: input.chipId ?? null,
          identityRef,
        },
      });
      const view = {
        id: card.id,
        memberId: m.id,
        number: card.number,
        orgPath: card.orgPath,
        issuedOn: input.issuedOn,
        decisionNumber: card.decisionNumber,
        chipId: card.chipId,
        identityRef: card.identityRef,
        status: "active" as const,
        replacedCards: replaced.count,
      };
      await recordCallerChange(tx, ctx, {
        entity: "PartyCard",
        entityId: card.id,
        orgPath: m.orgPath,
        before: { partyCardNumber: m.partyCardNumber },
        after: view,
        events: [membershipEvent("membership.card.issued", m.orgPath, card.id, { cardId: card.id, memberId: m.id, issuedOn: input.issuedOn, replacedCards: replaced.count, identityLinked: identityRef !== null })],
      });
      return view;
    }),
  );
