// membership.badges.*: party-age badges (Huy hiệu Đảng).
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { as, board, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

let thirty: number;
let forty: number;
const suite = treeSuite({
  seed: async ({ h, fx }) => {
    thirty = await fx.member(TREE.k1, { fullName: "Ba Mươi Năm", admittedOn: "1996-05-01" });
    forty = await fx.member(TREE.k1, { fullName: "Bốn Mươi Năm", admittedOn: "1986-03-01" });
    await fx.member(TREE.k1, { fullName: "Chưa Đủ", admittedOn: "2000-01-01" });
    await h.db.query(`INSERT INTO badge_award (member_id, org_path, years, proposed_on, awarded_on) VALUES ($1, $2, 30, '2016-01-10', '2016-02-03')`, [forty, TREE.k1]);
  },
});
const { hanoi } = suite;

describe("badges.eligible", () => {
  it("lists members whose party age reaches a level not yet awarded", async () => {
    const r = await hanoi().membership.badges.eligible.query({ orgPath: TREE.p1 });
    expect(r.items.map((i) => [i.fullName, i.years, i.reachedOn, i.occasion])).toEqual([
      ["Ba Mươi Năm", 30, "2026-05-01", "2026-05-19"],
      ["Bốn Mươi Năm", 40, "2026-03-01", "2026-05-19"],
    ]);
    const page = await hanoi().membership.badges.eligible.query({ orgPath: TREE.p1, limit: 1 });
    const next = await hanoi().membership.badges.eligible.query({ orgPath: TREE.p1, limit: 1, cursor: page.nextCursor });
    expect(next.items.map((i) => i.fullName)).toEqual(["Bốn Mươi Năm"]);
    const earlier = await hanoi().membership.badges.eligible.query({ orgPath: TREE.p1, on: "2026-01-01" });
    expect(earlier.items).toEqual([]);
  });
  it("names a bad date", async () => {
    await expectError(hanoi().membership.badges.eligible.query({ on: "2026-13-01" }), "BAD_REQUEST", "on");
  });
  it("shows only the caller's province", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.badges.eligible.query({ orgPath: TREE.p1 }), wrongRole: as("conference_operator", TREE.p1), otherProvince: as("personnel_officer", TREE.p2) });
    expect((await suite.h.client(as("viewer", TREE.p2)).membership.badges.eligible.query({})).items).toEqual([]);
  });
});

describe("badges.propose", () => {
  it("proposes the level due; it then leaves the eligible list", async () => {
    const r = await expectRecorded(suite.h, () => hanoi().membership.badges.propose.mutate({ memberId: thirty, years: 30, proposedOn: "2026-04-20" }), {
      action: "membership.badges.propose",
      events: ["membership.badge.proposed"],
    });
    expect(r.result).toMatchObject({ memberId: thirty, years: 30, reachedOn: "2026-05-01", awardedOn: null });
    const left = await hanoi().membership.badges.eligible.query({ orgPath: TREE.p1 });
    expect(left.items.map((i) => i.memberId)).toEqual([forty]);
  });
  it("refuses a level not reached, not a level, twice, and a probationary member", async () => {
    await expectNoWrites(suite.h, () => hanoi().membership.badges.propose.mutate({ memberId: forty, years: 45 }), "BAD_REQUEST", "proposedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.badges.propose.mutate({ memberId: forty, years: 35 }), "BAD_REQUEST", "years");
    await expectNoWrites(suite.h, () => hanoi().membership.badges.propose.mutate({ memberId: forty, years: 30 }), "CONFLICT", "years");
    const p = await suite.fx.member(TREE.k1, { status: "probationary", admittedOn: "2026-01-01" });
    await expectNoWrites(suite.h, () => hanoi().membership.badges.propose.mutate({ memberId: p, years: 30 }), "CONFLICT", "memberId");
  });
  it("is for boards of the member's province", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.badges.propose.mutate({ memberId: forty, years: 40 }), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("badges.award", () => {
  it("awards a proposed badge by decision", async () => {
    const badge = await suite.fx.badge(forty, 40, "2026-04-01");
    const r = await expectRecorded(suite.h, () => hanoi().membership.badges.award.mutate({ badgeId: badge, awardedOn: "2026-05-19", decisionNumber: "88-QĐ/TU" }), {
      action: "membership.badges.award",
      events: ["membership.badge.awarded"],
    });
    expect(r.result).toMatchObject({ years: 40, awardedOn: "2026-05-19", decisionNumber: "88-QĐ/TU" });
  });
  it("refuses an award twice, before the level is reached, before the proposal", async () => {
    const { rows } = await suite.h.db.query<{ id: number }>(`SELECT id FROM badge_award WHERE member_id = $1 AND years = 40`, [forty]);
    await expectNoWrites(suite.h, () => hanoi().membership.badges.award.mutate({ badgeId: rows[0]!.id, awardedOn: "2026-09-02", decisionNumber: "1" }), "CONFLICT", "badgeId");
    const early = await suite.fx.badge(await suite.fx.member(TREE.k1, { admittedOn: "1996-05-01" }), 30, "2026-01-05");
    await expectNoWrites(suite.h, () => hanoi().membership.badges.award.mutate({ badgeId: early, awardedOn: "2026-02-03", decisionNumber: "2" }), "BAD_REQUEST", "awardedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.badges.award.mutate({ badgeId: early, awardedOn: "2025-12-01", decisionNumber: "3" }), "BAD_REQUEST", "awardedOn");
    await expectError(hanoi().membership.badges.award.mutate({ badgeId: 99999, awardedOn: "2026-05-19", decisionNumber: "4" }), "NOT_FOUND", "badgeId");
  });
  it("is for boards of the badge's province", async () => {
    const m = await suite.fx.member(TREE.k1, { admittedOn: "1990-01-01" });
    const badge = await suite.fx.badge(m, 30, "2020-01-02");
    await expectSecurity({ h: suite.h, call: (c) => c.membership.badges.award.mutate({ badgeId: badge, awardedOn: "2020-02-03", decisionNumber: "9" }), wrongRole: as("personnel_officer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});
