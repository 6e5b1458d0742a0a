import { membershipContract } from "@orgboard/contract-membership";
import { conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember } from "../records.js";
import { notAfterToday } from "../schemas.js";

const c = membershipContract.procedures;

/**
 * Issues a party card to an official member: earlier active cards become "replaced", the member's card
 * number is updated, the chip serial and the identity link (the member's national ID as identityRef; nothing
 * is checked against the national population database) are recorded. A chip already linked to another card
 * fails on the database's unique constraint and the whole issue is rolled back.
 */
export const issueCardRoute = procedure("membership.cards.issue")
  .input(c.cards.issue.input)
  .output(c.cards.issue.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const m = await loadMember(tx, input.memberId, "memberId", true);
      ctx.assertCan({ orgPath: m.org_path });
      if (m.status !== "official") throw conflict("memberId", "not_official", `party cards are issued to official members (status is ${m.status})`);
      const early = m.official_on && input.issuedOn < m.official_on ? [{ field: "issuedOn", code: "before_official", message: `is before the member became official (${m.official_on})` }] : [];
      throwIf([...notAfterToday(input.issuedOn, ctx.today(), "issuedOn"), ...early]);
      const { rows: used } = await tx.query(
        `SELECT 1 FROM party_card WHERE number = $1 UNION ALL SELECT 1 FROM member WHERE party_card_number = $1 AND id <> $2`,
        [input.number, m.id],
      );
      if (used.length > 0) throw conflict("number", "duplicate", `party card number ${input.number} is already used`);

      const replaced = await tx.query(`UPDATE party_card SET status = 'replaced' WHERE member_id = $1 AND status = 'active'`, [m.id]);
      await tx.query(`UPDATE member SET party_card_number = $2, updated_at = now() WHERE id = $1`, [m.id, input.number]);
      const identityRef = input.linkIdentity ? m.national_id : null;
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO party_card (member_id, number, org_path, issued_on, decision_number, chip_id, identity_ref)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [m.id, input.number, m.org_path, input.issuedOn, input.decisionNumber ?? null, input.chipId ?? null, identityRef],
      );
      const card = rows[0]!;
      const view = {
        id: card.id,
        memberId: m.id,
        number: input.number,
        orgPath: m.org_path,
        issuedOn: input.issuedOn,
        decisionNumber: input.decisionNumber ?? null,
        chipId: input.chipId ?? null,
        identityRef,
        status: "active" as const,
        replacedCards: replaced.rowCount,
      };
      return {
        result: view,
        change: { entity: "PartyCard", entityId: card.id, orgPath: m.org_path, before: { partyCardNumber: m.party_card_number }, after: view },
        events: [membershipEvent("membership.card.issued", m.org_path, card.id, { cardId: card.id, memberId: m.id, issuedOn: input.issuedOn, replacedCards: replaced.rowCount, identityLinked: identityRef !== null })],
      };
    }),
  );
