import { describe, expect, it } from "vitest";
import {
  admissionRate,
  annualReport,
  membersAt,
  membersAtEndOfYear,
  overlappingPeriods,
  percent,
  ratio,
  structureCounts,
  transfersInYear,
  type ReportRecords,
} from "../../src/domain/index.js";

// A small hand-built subtree "/01/" with a decoy "/010/" (a prefix trap: "/010/" is not inside "/01/").
const records: ReportRecords = {
  orgs: [
    { path: "/01/", kind: "provincial_committee", openedOn: "1930-01-01", closedOn: null },
    { path: "/01/K1/", kind: "upper_grassroots_committee", openedOn: "2000-01-01", closedOn: null },
    { path: "/01/K1/G1/", kind: "grassroots_committee", openedOn: "2000-01-01", closedOn: null },
    { path: "/01/K1/G1/P1/", kind: "partial_committee", openedOn: "2000-01-01", closedOn: null },
    { path: "/01/K1/G1/P1/C1/", kind: "subordinate_cell", openedOn: "2000-01-01", closedOn: null },
    { path: "/01/K1/G1/C2/", kind: "subordinate_cell", openedOn: "2000-01-01", closedOn: null },
    { path: "/01/K1/G2/", kind: "grassroots_cell", openedOn: "2000-01-01", closedOn: null },
    { path: "/01/K1/G3/", kind: "grassroots_cell", openedOn: "2000-01-01", closedOn: "2024-12-31" }, // closed on 31/12: not open that day
    { path: "/01/K1/G4/", kind: "grassroots_cell", openedOn: "2025-01-01", closedOn: null },
    { path: "/010/", kind: "provincial_committee", openedOn: "1930-01-01", closedOn: null },
    { path: "/010/G9/", kind: "grassroots_cell", openedOn: "2000-01-01", closedOn: null },
  ],
  periods: [
    { memberId: 1, orgPath: "/01/K1/G2/", startedOn: "2010-01-01", endedOn: null },
    { memberId: 2, orgPath: "/01/K1/G1/C2/", startedOn: "2023-12-31", endedOn: null }, // joined on 31/12/2023
    { memberId: 3, orgPath: "/01/K1/G1/C2/", startedOn: "2015-01-01", endedOn: "2023-12-31" }, // left on 31/12/2023
    { memberId: 4, orgPath: "/01/K1/G1/P1/C1/", startedOn: "2024-01-01", endedOn: null },
    { memberId: 5, orgPath: "/010/G9/", startedOn: "2000-01-01", endedOn: null },
    { memberId: 6, orgPath: "/01/K1/G2/", startedOn: "2010-01-01", endedOn: "2024-06-01" }, // moved inside the subtree
    { memberId: 6, orgPath: "/01/K1/G1/C2/", startedOn: "2024-06-01", endedOn: null },
    { memberId: 7, orgPath: "/01/K1/G2/", startedOn: "2020-01-01", endedOn: "2024-03-01" }, // moved out to /010/
    { memberId: 7, orgPath: "/010/G9/", startedOn: "2024-03-01", endedOn: null },
    { memberId: 8, orgPath: "/01/K1/G2/", startedOn: "2024-12-31", endedOn: null },
    { memberId: 9, orgPath: "/01/K1/G2/", startedOn: "2024-05-05", endedOn: "2024-11-20" },
  ],
  admissions: [
    { memberId: 4, orgPath: "/01/K1/G1/P1/C1/", admittedOn: "2024-01-01", outcome: "recognized", outcomeOn: "2025-01-05" },
    { memberId: 8, orgPath: "/01/K1/G2/", admittedOn: "2024-12-31", outcome: null, outcomeOn: null },
    { memberId: 2, orgPath: "/01/K1/G1/C2/", admittedOn: "2023-12-31", outcome: "recognized", outcomeOn: "2024-12-31" },
    { memberId: 9, orgPath: "/01/K1/G2/", admittedOn: "2024-05-05", outcome: "not_recognized", outcomeOn: "2024-11-20" },
    { memberId: 5, orgPath: "/010/G9/", admittedOn: "2024-03-03", outcome: null, outcomeOn: null },
  ],
  cards: [
    { memberId: 1, orgPath: "/01/K1/G2/", issuedOn: "2024-01-01" },
    { memberId: 1, orgPath: "/01/K1/G2/", issuedOn: "2024-12-31" },
    { memberId: 6, orgPath: "/01/K1/G2/", issuedOn: "2025-01-01" },
    { memberId: 5, orgPath: "/010/G9/", issuedOn: "2024-06-01" },
  ],
  transfers: [
    { memberId: 7, kind: "official", status: "received", fromOrgPath: "/01/K1/G2/", toOrgPath: "/010/G9/", issuedOn: "2024-02-20", receivedOn: "2024-03-01" },
    { memberId: 6, kind: "official", status: "received", fromOrgPath: "/01/K1/G2/", toOrgPath: "/01/K1/G1/C2/", issuedOn: "2024-05-20", receivedOn: "2024-06-01" },
    { memberId: 10, kind: "official", status: "received", fromOrgPath: null, toOrgPath: "/01/K1/G2/", issuedOn: null, receivedOn: "2024-12-31" },
    { memberId: 11, kind: "official", status: "issued", fromOrgPath: "/01/K1/G2/", toOrgPath: null, issuedOn: "2024-12-31", receivedOn: null },
    { memberId: 12, kind: "official", status: "rejected", fromOrgPath: "/01/K1/G2/", toOrgPath: "/79/X/", issuedOn: "2024-07-01", receivedOn: null },
    { memberId: 13, kind: "official", status: "received", fromOrgPath: "/01/K1/G2/", toOrgPath: "/79/X/", issuedOn: "2023-12-31", receivedOn: "2024-01-02" },
    { memberId: 14, kind: "temporary", status: "returned", fromOrgPath: "/01/K1/G2/", toOrgPath: "/79/X/", issuedOn: "2024-04-01", receivedOn: "2024-04-05" },
    { memberId: 15, kind: "official", status: "cancelled", fromOrgPath: "/01/K1/G2/", toOrgPath: null, issuedOn: "2024-08-01", receivedOn: null },
  ],
  badges: [
    { memberId: 1, orgPath: "/01/K1/G2/", years: 30, proposedOn: "2024-01-10", awardedOn: "2024-02-03" },
    { memberId: 6, orgPath: "/01/K1/G2/", years: 40, proposedOn: "2024-10-01", awardedOn: "2025-02-03" },
    { memberId: 5, orgPath: "/010/G9/", years: 30, proposedOn: "2024-04-01", awardedOn: "2024-05-19" },
  ],
  ratings: [
    ...(["excellent", "good", "good", "good", "good", "good", "good", "completed", "completed", "not_completed"] as const).map((level, i) => ({
      subjectKind: "member" as const,
      subjectId: 100 + i,
      orgPath: "/01/K1/G2/",
      year: 2024,
      level,
      stage: "approved" as const,
    })),
    { subjectKind: "member", subjectId: 200, orgPath: "/01/K1/G2/", year: 2024, level: "excellent", stage: "appraisal" },
    { subjectKind: "member", subjectId: 201, orgPath: "/01/K1/G2/", year: 2023, level: "excellent", stage: "approved" },
    { subjectKind: "member", subjectId: 202, orgPath: "/010/G9/", year: 2024, level: "excellent", stage: "approved" },
    { subjectKind: "organization", subjectId: 1, orgPath: "/01/K1/G1/", year: 2024, level: "good", stage: "approved" },
    { subjectKind: "organization", subjectId: 2, orgPath: "/01/K1/G2/", year: 2024, level: "good", stage: "approved" },
    { subjectKind: "organization", subjectId: 3, orgPath: "/01/K1/G1/C2/", year: 2024, level: "excellent", stage: "approved" },
  ],
  targets: [
    { orgPath: "/01/", year: 2024, admissionsPlan: 4 },
    { orgPath: "/01/K1/", year: 2024, admissionsPlan: 3 },
  ],
  removals: [
    { memberId: 20, orgPath: "/01/K1/G2/", kind: "expelled", removedOn: "2024-03-03" },
    { memberId: 21, orgPath: "/01/K1/G2/", kind: "struck_off", removedOn: "2024-12-31" },
    { memberId: 22, orgPath: "/01/K1/G2/", kind: "allowed_to_leave", removedOn: "2025-01-01" },
  ],
  deaths: [{ memberId: 23, orgPath: "/01/K1/G1/C2/", diedOn: "2024-07-07" }],
};

describe("members at a date (half-open periods)", () => {
  it("counts a period that starts on 31/12 and not one that ends on 31/12", () => {
    expect(membersAtEndOfYear(records.periods, "/01/", 2022)).toBe(4); // 1, 3, 6, 7
    expect(membersAtEndOfYear(records.periods, "/01/", 2023)).toBe(4); // 1, 2, 6, 7
    expect(membersAtEndOfYear(records.periods, "/01/", 2024)).toBe(5); // 1, 2, 4, 6, 8
    expect(membersAt(records.periods, "/01/", "2023-12-30")).toBe(4); // 1, 3, 6, 7
    expect(membersAt(records.periods, "/010/", "2024-12-31")).toBe(2); // the prefix trap holds
    expect(membersAt(records.periods, "/", "2024-12-31")).toBe(7);
  });
  it("counts a member once even with two periods covering the day (bad data)", () => {
    expect(membersAt([...records.periods, { memberId: 1, orgPath: "/01/K1/G1/C2/", startedOn: "2010-01-01", endedOn: null }], "/01/", "2024-12-31")).toBe(5);
    expect(overlappingPeriods(records.periods)).toEqual([]);
    expect(overlappingPeriods([...records.periods, { memberId: 6, orgPath: "/01/", startedOn: "2024-05-31", endedOn: "2024-06-02" }])).toEqual([6]);
  });
});

describe("percent (exact, half up)", () => {
  it.each([
    [2114, 2200, 1, 96.1],
    [210, 5097, 2, 4.12],
    [1, 3, 2, 33.33],
    [2, 3, 2, 66.67],
    [1, 8, 2, 12.5],
    [1, 16, 1, 6.3],
    [5, 8, 0, 63],
    [1, 200, 2, 0.5],
    [0, 7, 2, 0],
    [7, 7, 2, 100],
  ])("%i / %i to %i decimals = %f", (n, d, decimals, expected) => {
    expect(percent(ratio(n, d), decimals)).toBe(expected);
  });
  it("is null without a base", () => {
    expect(percent(ratio(3, 0))).toBeNull();
    expect(percent(ratio(3, null))).toBeNull();
    expect(ratio(3, 0).value).toBeNull();
  });
});

describe("transfers", () => {
  it("counts moves across the subtree boundary only", () => {
    expect(transfersInYear(records.transfers, "/01/", 2024)).toEqual({ in: 1, out: 2 });
    expect(transfersInYear(records.transfers, "/01/", 2023)).toEqual({ in: 0, out: 1 });
    expect(transfersInYear(records.transfers, "/01/K1/G1/", 2024)).toEqual({ in: 1, out: 0 });
    expect(transfersInYear(records.transfers, "/01/K1/G2/", 2024)).toEqual({ in: 1, out: 3 });
    expect(transfersInYear(records.transfers, "/010/", 2024)).toEqual({ in: 1, out: 0 });
    expect(transfersInYear(records.transfers, "/01/", 2024, "temporary")).toEqual({ in: 0, out: 1 });
  });
});

describe("structure", () => {
  it("counts open organizations by kind at a date", () => {
    expect(structureCounts(records.orgs, "/01/K1/", "2024-12-31")).toEqual({
      provincial_committee: 0,
      upper_grassroots_committee: 1,
      grassroots_committee: 1,
      grassroots_cell: 1,
      partial_committee: 1,
      subordinate_cell: 2,
      grassrootsOrganizations: 2,
      subordinateCellsUnderPartial: 1,
    });
    expect(structureCounts(records.orgs, "/01/K1/", "2024-12-30").grassroots_cell).toBe(2);
    expect(structureCounts(records.orgs, "/01/K1/", "2025-01-01").grassroots_cell).toBe(2); // G4 opened, G3 closed
    expect(structureCounts(records.orgs, "/01/", "1999-12-31").grassrootsOrganizations).toBe(0);
  });
});

describe("annualReport", () => {
  it("computes every figure of 2024 for /01/", () => {
    const zeroBadges = { 30: 0, 40: 0, 45: 0, 50: 0, 55: 0, 60: 0, 65: 0, 70: 0, 75: 0, 80: 0, 85: 0, 90: 0 };
    expect(annualReport(records, "/01/", 2024)).toEqual({
      orgPath: "/01/",
      year: 2024,
      membersAtStart: 4,
      membersAtEnd: 5,
      admissions: 3,
      admissionsPlan: 4,
      planAchievement: { numerator: 3, denominator: 4, value: 0.75 },
      admissionRate: { numerator: 3, denominator: 4, value: 0.75 },
      madeOfficial: 1,
      notRecognized: 1,
      cardsIssued: 2,
      transfers: { in: 1, out: 2 },
      temporaryTransfers: { in: 0, out: 1 },
      badgesAwarded: { ...zeroBadges, total: 1, 30: 1 },
      badgesProposed: { ...zeroBadges, total: 2, 30: 1, 40: 1 },
      removals: { total: 2, expelled: 1, struck_off: 1, allowed_to_leave: 0 },
      deaths: 1,
      memberRatings: {
        excellent: 1,
        good: 6,
        completed: 2,
        not_completed: 1,
        total: 10,
        goodOrBetter: 7,
        goodOrBetterShare: { numerator: 7, denominator: 10, value: 0.7 },
        excellentToGood: { numerator: 1, denominator: 6, value: 1 / 6 },
      },
      orgRatings: {
        excellent: 1,
        good: 2,
        completed: 0,
        not_completed: 0,
        total: 3,
        goodOrBetter: 3,
        goodOrBetterShare: { numerator: 3, denominator: 3, value: 1 },
        excellentToGood: { numerator: 1, denominator: 2, value: 0.5 },
      },
      structure: {
        provincial_committee: 1,
        upper_grassroots_committee: 1,
        grassroots_committee: 1,
        grassroots_cell: 1,
        partial_committee: 1,
        subordinate_cell: 2,
        grassrootsOrganizations: 2,
        subordinateCellsUnderPartial: 1,
      },
    });
  });

  it("uses the plan of the scope organization itself, and null without one", () => {
    expect(annualReport(records, "/01/K1/", 2024).planAchievement).toEqual({ numerator: 3, denominator: 3, value: 1 });
    expect(annualReport(records, "/01/K1/G2/", 2024).planAchievement).toEqual({ numerator: 2, denominator: null, value: null });
  });

  it("admission rate uses members at 31/12 of the previous year", () => {
    expect(admissionRate(records.admissions, records.periods, "/01/", 2023)).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
    expect(admissionRate(records.admissions, records.periods, "/01/K1/G1/P1/", 2024)).toEqual({ numerator: 1, denominator: 0, value: null });
  });
});
