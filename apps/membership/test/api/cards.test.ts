// membership.cards.issue: party cards.
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { as, board, databaseDigest, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

const suite = treeSuite();
const { hanoi } = suite;

describe("cards.issue", () => {
  it("issues a card with its chip and the identity link (unverified, and not said to be); a new card replaces the old one", async () => {
    const id = await suite.fx.member(TREE.c1);
    const r = await expectRecorded(
      suite.h,
      () => hanoi().membership.cards.issue.mutate({ memberId: id, number: "01000001", issuedOn: "2026-02-03", decisionNumber: "45-QĐ/TU", chipId: "04A1B2C3D4E5F6", linkIdentity: true }),
      { action: "membership.cards.issue", events: ["membership.card.issued"] },
    );
    const member = await hanoi().membership.members.get.query({ id });
    expect(r.result).toMatchObject({ number: "01000001", chipId: "04A1B2C3D4E5F6", identityRef: member.nationalId, status: "active", replacedCards: 0 });
    // The link records the national ID; nothing is verified, so nothing says it was (contract 2.0).
    expect(r.result).not.toHaveProperty("identityVerifiedAt");
    expect(await suite.fx.count("party_card", "member_id = $1 AND identity_verified_at IS NOT NULL", [id])).toBe(0);
    expect(member.partyCardNumber).toBe("01000001");
    const again = await hanoi().membership.cards.issue.mutate({ memberId: id, number: "01000002", issuedOn: "2026-05-19" });
    expect(again).toMatchObject({ replacedCards: 1, identityRef: null });
    expect(await suite.fx.count("party_card", "member_id = $1 AND status = 'replaced'", [id])).toBe(1);
  });
  it("reissues a card with the member's own number, whether the first card came through the API or an import (#12)", async () => {
    // Through the API: the first card is a party_card row holding the number.
    const id = await suite.fx.member(TREE.c1);
    await hanoi().membership.cards.issue.mutate({ memberId: id, number: "01000050", issuedOn: "2026-02-03" });
    const again = await expectRecorded(
      suite.h,
      () => hanoi().membership.cards.issue.mutate({ memberId: id, number: "01000050", issuedOn: "2026-06-10", chipId: "0450505050" }),
      { action: "membership.cards.issue", events: ["membership.card.issued"] },
    );
    expect(again.result).toMatchObject({ number: "01000050", chipId: "0450505050", status: "active", replacedCards: 1 });
    expect(await suite.fx.count("party_card", "member_id = $1 AND number = '01000050' AND status = 'active'", [id])).toBe(1);
    expect(await suite.fx.count("party_card", "member_id = $1 AND number = '01000050' AND status = 'replaced'", [id])).toBe(1);
    expect((await hanoi().membership.members.get.query({ id })).partyCardNumber).toBe("01000050");
    // Imported: only the member row holds the number.
    const imported = await suite.fx.member(TREE.c1, { partyCardNumber: "01000051" });
    await expect(hanoi().membership.cards.issue.mutate({ memberId: imported, number: "01000051", issuedOn: "2026-06-10" })).resolves.toMatchObject({ number: "01000051", replacedCards: 0 });
    // Another member's number, current or on an earlier card of theirs, stays refused.
    const other = await suite.fx.member(TREE.c1);
    await expectNoWrites(suite.h, () => hanoi().membership.cards.issue.mutate({ memberId: other, number: "01000050", issuedOn: "2026-06-10" }), "CONFLICT", "number");
    await hanoi().membership.cards.issue.mutate({ memberId: id, number: "01000052", issuedOn: "2026-07-01" });
    await expectNoWrites(suite.h, () => hanoi().membership.cards.issue.mutate({ memberId: other, number: "01000050", issuedOn: "2026-07-02" }), "CONFLICT", "number");
  });
  it("refuses a probationary member, a future date and a number in use", async () => {
    const p = await suite.fx.member(TREE.c1, { status: "probationary", admittedOn: "2026-01-01" });
    await expectNoWrites(suite.h, () => hanoi().membership.cards.issue.mutate({ memberId: p, number: "01000010", issuedOn: "2026-02-03" }), "CONFLICT", "memberId");
    const o = await suite.fx.member(TREE.c1);
    await expectNoWrites(suite.h, () => hanoi().membership.cards.issue.mutate({ memberId: o, number: "01000011", issuedOn: "2027-02-03" }), "BAD_REQUEST", "issuedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.cards.issue.mutate({ memberId: o, number: "01000001", issuedOn: "2026-02-03" }), "CONFLICT", "number");
    await expectNoWrites(suite.h, () => hanoi().membership.cards.issue.mutate({ memberId: o, number: "x", issuedOn: "2026-02-03" }), "BAD_REQUEST", "number");
  });
  it("rolls the whole issue back when the chip is already linked to another card (the old card stays active)", async () => {
    const a = await suite.fx.member(TREE.c2);
    const b = await suite.fx.member(TREE.c2);
    await hanoi().membership.cards.issue.mutate({ memberId: a, number: "02000001", issuedOn: "2026-02-03", chipId: "AAAABBBBCCCC" });
    await hanoi().membership.cards.issue.mutate({ memberId: b, number: "02000002", issuedOn: "2026-02-03" });
    const before = await databaseDigest(suite.h.db);
    // The old card of b is marked replaced and b's number changed before the insert hits the chip's unique key.
    await expectError(hanoi().membership.cards.issue.mutate({ memberId: b, number: "02000003", issuedOn: "2026-03-03", chipId: "AAAABBBBCCCC" }), "CONFLICT", "chipId");
    expect(await databaseDigest(suite.h.db)).toEqual(before);
    expect((await hanoi().membership.members.get.query({ id: b })).partyCardNumber).toBe("02000002");
  });
  it("answers its refusals Vietnamese first, then English (a rule, a date, a unique key)", async () => {
    const viFirst = (message: string, en: RegExp) => {
      const [vi, rest] = message.replace(/^[A-Za-z.]+: /, "").split(" / ");
      expect(vi, message).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu);
      expect(rest, message).toMatch(en);
    };
    const p = await suite.fx.member(TREE.c2, { status: "probationary", admittedOn: "2026-01-01" });
    viFirst((await expectError(hanoi().membership.cards.issue.mutate({ memberId: p, number: "02000101", issuedOn: "2026-02-03" }), "CONFLICT", "memberId")).message, /^party cards are issued to official members/);
    const a = await suite.fx.member(TREE.c2);
    const b = await suite.fx.member(TREE.c2);
    await hanoi().membership.cards.issue.mutate({ memberId: a, number: "02000102", issuedOn: "2026-02-03", chipId: "DDDDEEEEFFFF" });
    viFirst((await expectError(hanoi().membership.cards.issue.mutate({ memberId: b, number: "02000102", issuedOn: "2026-02-03" }), "CONFLICT", "number")).message, /^party card number 02000102 is already used/);
    viFirst((await expectError(hanoi().membership.cards.issue.mutate({ memberId: b, number: "02000103", issuedOn: "2026-02-03", chipId: "DDDDEEEEFFFF" }), "CONFLICT", "chipId")).message, /^this chip is already linked/);
  });
  it("is for boards of the member's province", async () => {
    const id = await suite.fx.member(TREE.c1);
    await expectSecurity({ h: suite.h, call: (c) => c.membership.cards.issue.mutate({ memberId: id, number: "01000099", issuedOn: "2026-02-03" }), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
    expect(await suite.fx.count("party_card", "member_id = $1", [id])).toBe(0);
  });
});
