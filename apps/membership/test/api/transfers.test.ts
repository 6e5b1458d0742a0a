// membership.transfers.*: transfers of party life. The invariant: a member is never in two
// organizations or in none.
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { CENTRAL, as, board, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

const suite = treeSuite();
const { hanoi } = suite;
const hagiang = () => suite.h.client(board(TREE.p2));

async function openPeriods(memberId: number): Promise<string[]> {
  const { rows } = await suite.h.db.query<{ org_path: string }>(`SELECT org_path FROM membership_period WHERE member_id = $1 AND ended_on IS NULL`, [memberId]);
  return rows.map((r) => r.org_path);
}

describe("transfers.request", () => {
  it("requests an official transfer to a cell of another province; both ends hear of it", async () => {
    const id = await suite.fx.member(TREE.c1);
    const r = await expectRecorded(suite.h, () => hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c3 }), {
      action: "membership.transfers.manage",
      events: ["membership.transfer.requested", "membership.transfer.requested"],
    });
    expect(r.result).toMatchObject({ status: "requested", fromOrgPath: TREE.c1, toOrgPath: TREE.c3 });
    expect(r.events.map((e) => e.org_path)).toEqual([TREE.c1, TREE.c3]);
    const temp = await suite.fx.member(TREE.c1);
    const t = await hanoi().membership.transfers.request.mutate({ memberId: temp, kind: "temporary", requestedOn: "2026-10-01", toOrgPath: TREE.c2, expectedReturnOn: "2027-06-01", purpose: "work" });
    expect(t.kind).toBe("temporary");
  });
  it("names what is wrong: a second transfer, a non-cell destination, a temporary without return, both destinations", async () => {
    const id = await suite.fx.member(TREE.c1);
    await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c2 });
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-02", toOrgPath: TREE.k1 }), "CONFLICT", "memberId");
    const other = await suite.fx.member(TREE.c1);
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.request.mutate({ memberId: other, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.g2 }), "BAD_REQUEST", "toOrgPath");
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.request.mutate({ memberId: other, kind: "temporary", requestedOn: "2026-10-01", toOrgPath: TREE.c2 }), "BAD_REQUEST", "expectedReturnOn");
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.request.mutate({ memberId: other, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c2, toDescription: "x" }), "BAD_REQUEST", "toOrgPath");
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.request.mutate({ memberId: other, kind: "official", requestedOn: "2026-10-01", toOrgPath: "/09/" }), "NOT_FOUND", "toOrgPath");
  });
  it("is the sending side's action: refused to the destination's board and to other roles", async () => {
    const id = await suite.fx.member(TREE.c1);
    const input = { memberId: id, kind: "official" as const, requestedOn: "2026-10-01", toOrgPath: TREE.c3 };
    await expectSecurity({ h: suite.h, call: (c) => c.membership.transfers.request.mutate(input), wrongRole: as("personnel_officer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("transfers.complete", () => {
  it("moves the member in one step: old period closed, new one opened the same day, member row moved", async () => {
    const id = await suite.fx.member(TREE.c1, { admittedOn: "2010-01-01" });
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c3 });
    const r = await expectRecorded(suite.h, () => hagiang().membership.transfers.complete.mutate({ transferId: t.id, issuedOn: "2026-10-05", receivedOn: "2026-10-20" }), {
      action: "membership.transfers.manage",
      events: ["membership.transfer.completed", "membership.transfer.completed"],
    });
    expect(r.result).toMatchObject({ status: "received", issuedOn: "2026-10-05", receivedOn: "2026-10-20" });
    expect(r.events.map((e) => [e.org_path, e.payload.side])).toEqual([[TREE.c3, "in"], [TREE.c1, "out"]]);
    expect(await openPeriods(id)).toEqual([TREE.c3]);
    const hist = await hagiang().membership.members.history.query({ id });
    expect(hist.periods.map((p) => [p.orgPath, p.startedOn, p.endedOn, p.endReason])).toEqual([
      [TREE.c1, "2010-01-01", "2026-10-20", "transfer_out"],
      [TREE.c3, "2026-10-20", null, null],
    ]);
    // The sending province no longer sees the member; the receiving one does.
    await expectError(hanoi().membership.members.get.query({ id }), "NOT_FOUND", "id"); // like an unknown id (#9)
    const report = await suite.h.client(CENTRAL).membership.kpi.report.query({ orgPath: TREE.p2, year: 2026 });
    expect(report.transfers.officialIn).toBe(1);
  });
  it("out of the system: the member leaves (transferred out); temporary: nobody moves", async () => {
    const id = await suite.fx.member(TREE.c1);
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toDescription: "Đảng bộ Quân khu 1" });
    await hanoi().membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-10-10" });
    expect(await openPeriods(id)).toEqual([]);
    expect((await hanoi().membership.members.get.query({ id })).status).toBe("transferred_out");
    const temp = await suite.fx.member(TREE.c1);
    const tt = await hanoi().membership.transfers.request.mutate({ memberId: temp, kind: "temporary", requestedOn: "2026-10-01", toOrgPath: TREE.c2, expectedReturnOn: "2027-06-01" });
    await hanoi().membership.transfers.complete.mutate({ transferId: tt.id, receivedOn: "2026-10-10" });
    expect(await openPeriods(temp)).toEqual([TREE.c1]);
  });
  it("a transfer completes once; a failing completion moves nothing", async () => {
    const id = await suite.fx.member(TREE.c1, { joinedOn: "2026-10-15" });
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-16", toOrgPath: TREE.c2 });
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-10-10" }), "BAD_REQUEST", "receivedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-12-10" }), "BAD_REQUEST", "receivedOn");
    await hanoi().membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-10-20" });
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-10-21" }), "CONFLICT", "transferId");
    expect(await openPeriods(id)).toEqual([TREE.c2]);
    await expectError(hanoi().membership.transfers.complete.mutate({ transferId: 777777, receivedOn: "2026-10-21" }), "NOT_FOUND", "transferId");
  });
  it("concurrent completions of one member's transfer: exactly one wins, the member ends in one organization", async () => {
    const id = await suite.fx.member(TREE.c1);
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c2 });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => hanoi().membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-10-20" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await openPeriods(id)).toEqual([TREE.c2]);
  });
  it("is the receiving side's action when the destination is in the system", async () => {
    const id = await suite.fx.member(TREE.c1);
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c3 });
    await expectSecurity({ h: suite.h, call: (c) => c.membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-10-20" }), wrongRole: as("viewer", TREE.p2), otherProvince: board(TREE.p1) });
    expect(await openPeriods(id)).toEqual([TREE.c1]);
  });
});

describe("transfers.cancel", () => {
  it("cancels a pending transfer; nothing moves", async () => {
    const id = await suite.fx.member(TREE.c1);
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c3 });
    const r = await expectRecorded(suite.h, () => hanoi().membership.transfers.cancel.mutate({ transferId: t.id, reason: "Thay đổi công tác" }), {
      action: "membership.transfers.manage",
      events: ["membership.transfer.cancelled"],
    });
    expect(r.result.status).toBe("cancelled");
    expect(await openPeriods(id)).toEqual([TREE.c1]);
  });
  it("refuses a completed transfer and a date before the request", async () => {
    const id = await suite.fx.member(TREE.c1);
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c2 });
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.cancel.mutate({ transferId: t.id, cancelledOn: "2026-09-01" }), "BAD_REQUEST", "cancelledOn");
    await hanoi().membership.transfers.complete.mutate({ transferId: t.id, receivedOn: "2026-10-20" });
    await expectNoWrites(suite.h, () => hanoi().membership.transfers.cancel.mutate({ transferId: t.id }), "CONFLICT", "transferId");
  });
  it("is the sending side's action", async () => {
    const id = await suite.fx.member(TREE.c1);
    const t = await hanoi().membership.transfers.request.mutate({ memberId: id, kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c3 });
    await expectSecurity({ h: suite.h, call: (c) => c.membership.transfers.cancel.mutate({ transferId: t.id }), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("transfers.list", () => {
  it("lists transfers in and out of a subtree, newest first", async () => {
    const out = await hanoi().membership.transfers.list.query({ orgPath: TREE.p1, direction: "out", status: ["requested"], limit: 2 });
    expect(out.items.length).toBeGreaterThan(0);
    expect(out.items.every((t) => t.fromOrgPath?.startsWith(TREE.p1) && t.status === "requested")).toBe(true);
    const ids = out.items.map((t) => t.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const into = await hagiang().membership.transfers.list.query({ direction: "in" });
    expect(into.items.length).toBeGreaterThan(0);
    expect(into.items.every((t) => t.toOrgPath?.startsWith(TREE.p2))).toBe(true);
  });
  it("names a bad direction", async () => {
    await expectError(hanoi().membership.transfers.list.query({ direction: "sideways" as never }), "BAD_REQUEST", "direction");
  });
  it("shows a province only transfers touching it", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.transfers.list.query({ orgPath: TREE.p1 }), wrongRole: as("site_operator", TREE.p1), otherProvince: as("viewer", TREE.p2) });
    const theirs = await suite.h.client(as("viewer", TREE.p2)).membership.transfers.list.query({ limit: 200 });
    expect(theirs.items.every((t) => t.toOrgPath?.startsWith(TREE.p2) || t.fromOrgPath?.startsWith(TREE.p2))).toBe(true);
  });
});
