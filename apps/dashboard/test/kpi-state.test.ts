import { describe, expect, it } from "vitest";
import { foldKpiEvents, kpiFromSnapshot, nextRatingYear, RATING_LOOKBACK_YEARS, ratingTotal } from "../src/state/kpi-state.js";
import { mev } from "./fixtures.js";

const summary = {
  orgPath: "/",
  year: 2026,
  rows: [
    { orgPath: "/01/", name: "Thành phố Hà Nội", admitted: 10, plan: 100 },
    { orgPath: "/79/", name: "Thành phố Hồ Chí Minh", admitted: 20, plan: 120 },
  ],
  ratings: [
    { level: "excellent" as const, count: 3 },
    { level: "good" as const, count: 5 },
  ],
  lastEventId: "7",
};

describe("KPI snapshot", () => {
  it("keeps membership's restructuring notice (null when it has none or predates 2.7)", () => {
    const notice = { since: "2026-11-20T02:03:00.000Z", paths: ["/02/"], message: "Đang sắp xếp tổ chức / Being restructured" };
    expect(kpiFromSnapshot({ ...summary, restructuring: notice }).restructuring).toEqual(notice);
    expect(kpiFromSnapshot({ ...summary, restructuring: null }).restructuring).toBeNull();
    expect(kpiFromSnapshot(summary).restructuring).toBeNull();
  });
});

describe("KPI fold", () => {
  it("counts an admission in the province row it belongs to, once", () => {
    const s0 = kpiFromSnapshot(summary);
    const e = mev("membership.admission.approved", { admittedOn: "2026-11-20", memberId: 1, candidateId: 1 }, { orgPath: "/79/79-001/79-001-0003/", aggregateId: "m1" });
    const s1 = foldKpiEvents(s0, [e]);
    expect(s1.rows.map((r) => r.admitted)).toEqual([10, 21]);
    expect(foldKpiEvents(s1, [e])).toBe(s1);
    expect(s1.updatedAt).toBe(e.occurredAt);
  });

  it("ignores admissions of another year and events outside the panel's unit", () => {
    const s0 = kpiFromSnapshot({ ...summary, orgPath: "/01/", rows: [{ orgPath: "/01/01-007/", name: "Đảng bộ A", admitted: 1, plan: 5 }] });
    const otherYear = mev("membership.admission.approved", { admittedOn: "2025-12-31", memberId: 2, candidateId: 2 }, { orgPath: "/01/01-007/" });
    const otherProvince = mev("membership.admission.approved", { admittedOn: "2026-01-02", memberId: 3, candidateId: 3 }, { orgPath: "/79/" });
    const s1 = foldKpiEvents(s0, [otherYear, otherProvince]);
    expect(s1.rows[0]!.admitted).toBe(1);
  });

  it("moves a member's rating between levels when an approval is replaced", () => {
    const s0 = kpiFromSnapshot(summary);
    expect(s0.ratings).toEqual({ excellent: 3, good: 5, completed: 0, not_completed: 0 });
    const s1 = foldKpiEvents(s0, [
      mev("membership.rating.approved", { ratingId: 1, subjectKind: "member", year: 2026, level: "completed", previousLevel: "good" }, { orgPath: "/01/" }),
      mev("membership.rating.approved", { ratingId: 2, subjectKind: "organization", year: 2026, level: "excellent", previousLevel: null }, { orgPath: "/01/" }),
    ]);
    expect(s1.ratings).toEqual({ excellent: 3, good: 4, completed: 1, not_completed: 0 });
  });

  it("updates a row's plan when its own target is set, and skips what the snapshot already has", () => {
    const s0 = kpiFromSnapshot(summary);
    const s1 = foldKpiEvents(s0, [mev("membership.target.set", { year: 2026, admissions: 150, previous: null }, { orgPath: "/01/" })]);
    expect(s1.rows[0]!.plan).toBe(150);
    const old = mev("membership.target.set", { year: 2026, admissions: 1, previous: 150 }, { orgPath: "/01/", id: "6" });
    expect(foldKpiEvents(s0, [old])).toBe(s0);
  });
});

describe("ratings year", () => {
  const withRatings = (n: number) => kpiFromSnapshot({ ...summary, ratings: n ? [{ level: "good" as const, count: n }] : [] });

  it("opens on the current year once it has approved ratings", () => {
    expect(ratingTotal(withRatings(4))).toBe(4);
    expect(nextRatingYear(2026, 2026, ratingTotal(withRatings(4)))).toEqual({ year: 2026, settled: true });
  });

  it("steps back from an unrated current year to the latest rated one", () => {
    expect(ratingTotal(withRatings(0))).toBe(0);
    expect(nextRatingYear(2026, 2026, 0)).toEqual({ year: 2025, settled: false });
    expect(nextRatingYear(2026, 2025, 0)).toEqual({ year: 2024, settled: false });
    expect(nextRatingYear(2026, 2024, 7)).toEqual({ year: 2024, settled: true });
  });

  it("falls back to the previous year when no year in the lookback has ratings", () => {
    expect(nextRatingYear(2026, 2026 - RATING_LOOKBACK_YEARS, 0)).toEqual({ year: 2025, settled: true });
  });
});
