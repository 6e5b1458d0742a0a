// What inspection's discipline decisions do to membership's records (src/domain/decision-effects.ts).
import { describe, expect, it } from "vitest";
import { dissolutionRefusal, effectOfForm, expulsionReason, expulsionRefusal } from "../../src/domain/decision-effects.js";
import { MEMBER_STATUSES } from "../../src/domain/enums.js";

const active = { status: "official" as const, joinedOn: "2010-03-01" };
const openOrg = { openedOn: "1990-01-01", closedOn: null, activeMembers: 0, openChildren: 0, openTransfers: 0 };

/** "<Vietnamese> / <English>": exactly one separator, Vietnamese letters first, plain English after. */
function expectBilingual(message: string): void {
  const parts = message.split(" / ");
  expect(parts).toHaveLength(2);
  expect(parts[0]).toMatch(/[^ -~]/);
  expect(parts[1]).toMatch(/^[ -~]+$/);
}

describe("effectOfForm", () => {
  it("applies expulsions and dissolutions, nothing else", () => {
    expect(effectOfForm("expulsion")).toBe("expulsion");
    expect(effectOfForm("dissolution")).toBe("dissolution");
    for (const form of ["reprimand", "warning", "dismissal", "anything"]) expect(effectOfForm(form)).toBeNull();
  });
});

describe("expulsionRefusal", () => {
  it("accepts an active member (official or probationary) on or after the day they joined their organization", () => {
    expect(expulsionRefusal({ memberId: 7, member: active, effectiveOn: "2026-10-05" })).toBeNull();
    expect(expulsionRefusal({ memberId: 7, member: { ...active, status: "probationary" }, effectiveOn: "2010-03-01" })).toBeNull();
    expect(expulsionRefusal({ memberId: 7, member: { ...active, joinedOn: null }, effectiveOn: "2026-10-05" })).toBeNull();
  });
  it("refuses a missing member, with or without an id", () => {
    for (const memberId of [7, null]) {
      const r = expulsionRefusal({ memberId, member: null, effectiveOn: "2026-10-05" });
      expect(r?.reason).toBe("member_not_found");
      expectBilingual(r!.message);
    }
  });
  it("refuses every status that is not active, naming it", () => {
    for (const status of MEMBER_STATUSES.filter((s) => s !== "official" && s !== "probationary")) {
      const r = expulsionRefusal({ memberId: 7, member: { status, joinedOn: null }, effectiveOn: "2026-10-05" });
      expect(r?.reason, status).toBe("member_not_active");
      expect(r!.message).toContain(`(${status})`);
      expectBilingual(r!.message);
    }
  });
  it("refuses an effective date before the member joined their current organization (the day itself is fine)", () => {
    const r = expulsionRefusal({ memberId: 7, member: { ...active, joinedOn: "2026-10-06" }, effectiveOn: "2026-10-05" });
    expect(r?.reason).toBe("effective_before_start");
    expect(r!.message).toBe(
      "Ngày có hiệu lực 05/10/2026 trước ngày đảng viên bắt đầu sinh hoạt tại tổ chức hiện tại (06/10/2026) / the effective date 2026-10-05 is before the member joined their current organization (2026-10-06)",
    );
    expect(expulsionRefusal({ memberId: 7, member: { ...active, joinedOn: "2026-10-05" }, effectiveOn: "2026-10-05" })).toBeNull();
  });
});

describe("dissolutionRefusal", () => {
  it("accepts an open, empty organization from its founding day", () => {
    expect(dissolutionRefusal({ orgId: 3, org: openOrg, effectiveOn: "2026-10-05" })).toBeNull();
    expect(dissolutionRefusal({ orgId: 3, org: openOrg, effectiveOn: "1990-01-01" })).toBeNull();
  });
  it("refuses a missing organization", () => {
    for (const orgId of [3, null]) expect(dissolutionRefusal({ orgId, org: null, effectiveOn: "2026-10-05" })?.reason).toBe("organization_not_found");
  });
  it("refuses a closed organization, saying when it closed", () => {
    const r = dissolutionRefusal({ orgId: 3, org: { ...openOrg, closedOn: "2025-01-01" }, effectiveOn: "2026-10-05" });
    expect(r).toEqual({ reason: "organization_closed", message: "Tổ chức đảng đã kết thúc hoạt động ngày 01/01/2025 / the organization already closed on 2025-01-01" });
  });
  it("refuses an organization that is not empty, naming what is left", () => {
    for (const left of [{ activeMembers: 2 }, { openChildren: 1 }, { openTransfers: 3 }]) {
      const r = dissolutionRefusal({ orgId: 3, org: { ...openOrg, ...left }, effectiveOn: "2026-10-05" });
      expect(r?.reason).toBe("organization_not_empty");
      expectBilingual(r!.message);
    }
    const all = dissolutionRefusal({ orgId: 3, org: { ...openOrg, activeMembers: 2, openChildren: 1, openTransfers: 3 }, effectiveOn: "2026-10-05" });
    expect(all!.message).toContain("2 đảng viên đang sinh hoạt, 1 tổ chức trực thuộc đang hoạt động, 3 hồ sơ chuyển sinh hoạt đang xử lý");
    expect(all!.message).toContain("2 active member(s), 1 open child organization(s), 3 transfer(s) in progress");
  });
  it("refuses an effective date before the organization was founded", () => {
    expect(dissolutionRefusal({ orgId: 3, org: openOrg, effectiveOn: "1989-12-31" })?.reason).toBe("effective_before_start");
  });
});

describe("expulsionReason", () => {
  it("names the decision and its date, Vietnamese first", () => {
    expect(expulsionReason("12-QĐ/UBKT", "2026-09-15")).toBe("Khai trừ ra khỏi Đảng theo Quyết định số 12-QĐ/UBKT ngày 15/09/2026 / expelled by decision 12-QĐ/UBKT of 2026-09-15");
  });
});
