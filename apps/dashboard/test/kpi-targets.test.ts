import { describe, expect, it } from "vitest";
import { admissionTarget, percentValue, ratingTarget, trendYears, unitTargets } from "../src/state/kpi-targets.js";
import { annualReportOutputSchema } from "@orgboard/contract-membership";

describe("the two targets of Resolution 21-NQ/TW", () => {
  it("admissions: at least 3 % of the members at 31/12 of the previous year, compared exactly", () => {
    expect(admissionTarget(299, 9_967).outcome).toBe("not_met"); // 2.9999 %: a float rounded to 3,00 % would pass it
    expect(admissionTarget(300, 9_967).outcome).toBe("met");
    expect(admissionTarget(3, 100).outcome).toBe("met"); // exactly 3 % meets "≥ 3 %"
    expect(admissionTarget(5, 0).outcome).toBe("no_data");
    expect(percentValue(admissionTarget(210, 5_097))).toBe(4.12); // docs/kpis.md: 210/5097 → 4,12 %
  });

  it("ratings: more than 90 % of those rated are good or better; exactly 90 % is not enough", () => {
    expect(ratingTarget(90, 100).outcome).toBe("not_met");
    expect(ratingTarget(901, 1_000).outcome).toBe("met");
    expect(ratingTarget(0, 0).outcome).toBe("no_data");
  });

  it("reads both from membership's annual report, and trends over five years ending with the chosen one", () => {
    const dist = (excellent: number, good: number, completed: number, notCompleted: number) => {
      const total = excellent + good + completed + notCompleted;
      return { excellent, good, completed, notCompleted, total, goodOrBetter: excellent + good, goodOrBetterPercent: null };
    };
    // Validated by membership's own contract schema, so the fixture cannot drift from what the service answers.
    const r = annualReportOutputSchema.parse({
      orgPath: "/01/",
      orgName: "Đảng bộ Thành phố Hà Nội",
      year: 2025,
      asOf: "2025-12-31",
      members: { atStartOfYear: 5_097, atEndOfYear: 5_250, joined: 230, left: 77 },
      admissions: { count: 210, plan: 210, planPercent: 100, ratePercent: 4.12 },
      madeOfficial: 193,
      notRecognized: 0,
      cardsIssued: 163,
      transfers: { officialIn: 0, officialOut: 0, temporaryIn: 0, temporaryOut: 0 },
      badges: { proposed: 26, awarded: 0 },
      removals: { expelled: 0, struckOff: 0, allowedToLeave: 0, total: 0 },
      deaths: 0,
      ratings: { members: dist(450, 4_000, 580, 20), organizations: dist(0, 0, 0, 0) },
      structure: { grassrootsTotal: 0, upperGrassrootsCommittees: 0, grassrootsCommittees: 0, grassrootsCells: 0, partialCommittees: 0, cellsUnderPartialCommittees: 0, cellsUnderGrassrootsCommittees: 0, subordinateCells: 0 },
      totalMembers: 5_250,
    });
    const u = unitTargets(r);
    expect(u).toMatchObject({ orgPath: "/01/", name: "Đảng bộ Thành phố Hà Nội", year: 2025 });
    expect(u.admission).toEqual({ numerator: 210, denominator: 5_097, outcome: "met" });
    expect(u.rating).toEqual({ numerator: 4_450, denominator: 5_050, outcome: "not_met" }); // 88,12 %
    expect(percentValue(u.rating)).toBe(88.12);

    expect(trendYears(2026)).toEqual([2022, 2023, 2024, 2025, 2026]);
  });
});
