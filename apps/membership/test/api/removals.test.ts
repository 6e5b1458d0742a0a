// membership.removals.*: leaving the Party, deaths. History is kept.
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { as, board, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

const suite = treeSuite();
const { hanoi } = suite;
const removal = (memberId: number) => ({ memberId, kind: "expelled" as const, removedOn: "2026-09-15", decisionNumber: "12-QĐ/UBKT", reason: "Vi phạm kỷ luật nghiêm trọng" });

describe("removals.remove", () => {
  it("expels a member (also by the inspection committee): membership ends, open transfers are cancelled, history stays", async () => {
    const id = await suite.fx.member(TREE.c1);
    const t = await suite.fx.transfer(id, TREE.c2);
    const r = await expectRecorded(suite.h, () => suite.h.client(as("inspection_committee", TREE.p1)).membership.removals.remove.mutate(removal(id)), {
      action: "membership.removals.record",
      events: ["membership.member.removed"],
    });
    expect(r.result).toMatchObject({ status: "removed", leftOn: "2026-09-15" });
    const hist = await hanoi().membership.members.history.query({ id });
    expect(hist.removal).toEqual({ kind: "expelled", removedOn: "2026-09-15", reason: "Vi phạm kỷ luật nghiêm trọng", decisionNumber: "12-QĐ/UBKT", decidedOn: null });
    expect(hist.periods).toHaveLength(1);
    expect(hist.periods[0]).toMatchObject({ endedOn: "2026-09-15", endReason: "removal" });
    expect(hist.transfers.find((x) => x.id === t)?.status).toBe("cancelled");
  });
  it("refuses a member who already left, a date before they joined, no reason", async () => {
    const gone = await suite.fx.member(TREE.c1, { status: "removed" });
    await expectNoWrites(suite.h, () => hanoi().membership.removals.remove.mutate(removal(gone)), "CONFLICT", "memberId");
    const recent = await suite.fx.member(TREE.c1, { joinedOn: "2026-10-01" });
    await expectNoWrites(suite.h, () => hanoi().membership.removals.remove.mutate(removal(recent)), "BAD_REQUEST", "removedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.removals.remove.mutate({ ...removal(recent), removedOn: "2026-10-05", reason: " " }), "BAD_REQUEST", "reason");
    await expectNoWrites(suite.h, () => hanoi().membership.removals.remove.mutate({ ...removal(recent), kind: "fired" as never }), "BAD_REQUEST", "kind");
  });
  it("is for boards and the inspection committee, in their own province", async () => {
    const id = await suite.fx.member(TREE.c1);
    await expectSecurity({ h: suite.h, call: (c) => c.membership.removals.remove.mutate(removal(id)), wrongRole: as("viewer", TREE.p1), otherProvince: as("inspection_committee", TREE.p2) });
  });
});

describe("removals.recordDeath", () => {
  it("records a death: deceased, membership ended that day", async () => {
    const id = await suite.fx.member(TREE.c2);
    const r = await expectRecorded(suite.h, () => hanoi().membership.removals.recordDeath.mutate({ memberId: id, diedOn: "2026-08-08" }), {
      action: "membership.deaths.record",
      events: ["membership.member.died"],
    });
    expect(r.result).toMatchObject({ status: "deceased", leftOn: "2026-08-08" });
    const hist = await hanoi().membership.members.history.query({ id });
    expect(hist).toMatchObject({ diedOn: "2026-08-08" });
    expect(hist.periods[0]).toMatchObject({ endReason: "death" });
  });
  it("refuses a future date and a second death", async () => {
    const id = await suite.fx.member(TREE.c2);
    await expectNoWrites(suite.h, () => hanoi().membership.removals.recordDeath.mutate({ memberId: id, diedOn: "2027-01-01" }), "BAD_REQUEST", "diedOn");
    await hanoi().membership.removals.recordDeath.mutate({ memberId: id, diedOn: "2026-08-08" });
    await expectNoWrites(suite.h, () => hanoi().membership.removals.recordDeath.mutate({ memberId: id, diedOn: "2026-08-09" }), "CONFLICT", "memberId");
    await expectError(hanoi().membership.removals.recordDeath.mutate({ memberId: 5555555, diedOn: "2026-08-09" }), "NOT_FOUND", "memberId");
  });
  it("is for boards of the member's province (not the inspection committee)", async () => {
    const id = await suite.fx.member(TREE.c2);
    await expectSecurity({ h: suite.h, call: (c) => c.membership.removals.recordDeath.mutate({ memberId: id, diedOn: "2026-08-08" }), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
  });
});
