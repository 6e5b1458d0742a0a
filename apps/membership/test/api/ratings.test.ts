// membership.ratings.*: the yearly quality rating, locked after approval, with the excellent cap.
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { as, board, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

const suite = treeSuite();
const { hanoi } = suite;

describe("ratings.selfAssess", () => {
  it("opens a member's and an organization's rating for the year", async () => {
    const id = await suite.fx.member(TREE.c1);
    const r = await expectRecorded(suite.h, () => hanoi().membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId: id, year: 2026, level: "good" }), {
      action: "membership.ratings.assess",
      events: ["membership.rating.self_assessed"],
    });
    expect(r.result).toMatchObject({ subjectKind: "member", memberId: id, orgPath: TREE.c1, stage: "self_assessment", locked: false });
    const o = await hanoi().membership.ratings.selfAssess.mutate({ subjectKind: "organization", orgPath: TREE.c2, year: 2026, level: "excellent" });
    expect(o).toMatchObject({ subjectKind: "organization", orgPath: TREE.c2, memberId: null });
  });
  it("one per subject and year; not a future year; not a member who left", async () => {
    const id = await suite.fx.member(TREE.c1);
    await hanoi().membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId: id, year: 2025, level: "good" });
    await expectNoWrites(suite.h, () => hanoi().membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId: id, year: 2025, level: "excellent" }), "CONFLICT", "year");
    await expectNoWrites(suite.h, () => hanoi().membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId: id, year: 2027, level: "good" }), "BAD_REQUEST", "year");
    const gone = await suite.fx.member(TREE.c1, { status: "deceased" });
    await expectNoWrites(suite.h, () => hanoi().membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId: gone, year: 2026, level: "good" }), "CONFLICT", "memberId");
    await expectError(hanoi().membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId: id, year: 2026, level: "superb" as never }), "BAD_REQUEST", "level");
  });
  it("is for boards, in their own province", async () => {
    const id = await suite.fx.member(TREE.c1);
    await expectSecurity({ h: suite.h, call: (c) => c.membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId: id, year: 2026, level: "good" }), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
    await expectSecurity({ h: suite.h, call: (c) => c.membership.ratings.selfAssess.mutate({ subjectKind: "organization", orgPath: TREE.c1, year: 2026, level: "good" }), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("ratings.appraise", () => {
  it("moves a self-assessment to appraisal, possibly changing the level", async () => {
    const id = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c1) }, 2026, "excellent", "self_assessment");
    const r = await expectRecorded(suite.h, () => suite.h.client(as("inspection_committee", TREE.p1)).membership.ratings.appraise.mutate({ id, level: "good" }), {
      action: "membership.ratings.appraise",
      events: ["membership.rating.appraised"],
    });
    expect(r.result).toMatchObject({ stage: "appraisal", level: "good" });
  });
  it("refuses an approved (locked) rating", async () => {
    const id = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c1) }, 2026, "good", "approved");
    await expectNoWrites(suite.h, () => hanoi().membership.ratings.appraise.mutate({ id, level: "excellent" }), "CONFLICT", "id");
    await expectError(hanoi().membership.ratings.appraise.mutate({ id: 8888888 }), "NOT_FOUND", "id");
  });
  it("is for boards and the inspection committee, in their own province", async () => {
    const id = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c1) }, 2026, "good", "self_assessment");
    await expectSecurity({ h: suite.h, call: (c) => c.membership.ratings.appraise.mutate({ id }), wrongRole: as("viewer", TREE.p1), otherProvince: as("inspection_committee", TREE.p2) });
  });
});

describe("ratings.approve", () => {
  it("approves and locks; the excellent cap (20% of good) holds over the grassroots organization", async () => {
    // Five approved "good" in the grassroots committee 01-G1 (two cells): room for one "excellent".
    for (const cell of [TREE.c1, TREE.c1, TREE.c2, TREE.c2, TREE.c2]) await suite.fx.rating({ memberId: await suite.fx.member(cell) }, 2024, "good", "approved");
    const first = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c1) }, 2024, "excellent");
    const second = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c2) }, 2024, "excellent");
    const r = await expectRecorded(suite.h, () => hanoi().membership.ratings.approve.mutate({ id: first }), { action: "membership.ratings.approve", events: ["membership.rating.approved"] });
    expect(r.result).toMatchObject({ stage: "approved", locked: true, level: "excellent", capGroup: { path: TREE.g1, excellent: 1, good: 5, maxExcellent: 1 } });
    expect(r.events[0]!.payload).toMatchObject({ subjectKind: "member", year: 2024, level: "excellent", previousLevel: null });
    const { message } = await expectError(hanoi().membership.ratings.approve.mutate({ id: second }), "CONFLICT", "level");
    expect(message).toContain("excellent_cap_exceeded");
    // A cell outside 01-G1 is another group; the competent level may also allow more by decision.
    const elsewhere = await suite.fx.rating({ memberId: await suite.fx.member(TREE.k1) }, 2024, "excellent");
    await expectError(hanoi().membership.ratings.approve.mutate({ id: elsewhere }), "CONFLICT", "level");
    const allowed = await hanoi().membership.ratings.approve.mutate({ id: second, capExceptionDecision: "07-QĐ/TU" });
    expect(allowed.capGroup).toMatchObject({ excellent: 2, good: 5 });
  });
  it("refuses approving a self-assessment directly, and a second approval; leaves nothing behind", async () => {
    const raw = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c1) }, 2026, "good", "self_assessment");
    await expectNoWrites(suite.h, () => hanoi().membership.ratings.approve.mutate({ id: raw }), "CONFLICT", "id");
    const done = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c1) }, 2026, "good", "approved");
    await expectNoWrites(suite.h, () => hanoi().membership.ratings.approve.mutate({ id: done, level: "completed" }), "CONFLICT", "id");
  });
  it("is for boards of the rating's province", async () => {
    const id = await suite.fx.rating({ memberId: await suite.fx.member(TREE.c1) }, 2026, "completed");
    await expectSecurity({ h: suite.h, call: (c) => c.membership.ratings.approve.mutate({ id }), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("ratings.list", () => {
  it("lists the year's ratings of a subtree with the subject's name", async () => {
    await suite.fx.rating({ orgPath: TREE.k1 }, 2023, "good", "approved");
    const r = await hanoi().membership.ratings.list.query({ orgPath: TREE.p1, year: 2023 });
    expect(r.items.map((i) => [i.subjectKind, i.subjectName, i.level])).toEqual([["organization", "Chi bộ Trường Tiểu học Kim Liên", "good"]]);
    const page = await hanoi().membership.ratings.list.query({ year: 2024, stage: "approved", limit: 2 });
    const next = await hanoi().membership.ratings.list.query({ year: 2024, stage: "approved", limit: 2, cursor: page.nextCursor });
    expect(next.items[0]!.id).toBeGreaterThan(page.items[1]!.id);
  });
  it("needs a year", async () => {
    await expectError(hanoi().membership.ratings.list.query({ year: undefined as never }), "BAD_REQUEST", "year");
  });
  it("never shows another province's ratings", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.ratings.list.query({ orgPath: TREE.p1, year: 2024 }), wrongRole: as("site_operator", TREE.p1), otherProvince: as("viewer", TREE.p2) });
    expect((await suite.h.client(as("viewer", TREE.p2)).membership.ratings.list.query({ year: 2024 })).items).toEqual([]);
  });
});
