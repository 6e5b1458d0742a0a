import { describe, expect, it } from "vitest";
import {
  checkAdmissionEligibility,
  checkCandidateRegistration,
  checkCeremonyDate,
  decideProbation,
  hasTwoThirds,
  probationEndDate,
  probationStatus,
  recognitionReviewDeadline,
  type AdmissionCandidateFacts,
  type ProbationDecisionInput,
  type Result,
} from "../../src/domain/index.js";

const base: AdmissionCandidateFacts = {
  birthDate: "2000-05-10",
  considerationDate: "2024-06-01",
  courseCompletedOn: "2023-06-01",
  hasLowerSecondaryDiploma: true,
  introductions: [
    { kind: "member", memberStatus: "official", workedTogetherSince: "2022-01-01" },
    { kind: "member", memberStatus: "official", workedTogetherSince: "2020-09-05" },
  ],
  dossierOpenedOn: "2024-01-15",
  cellVote: { inFavor: 8, officialMembers: 12 },
};

const codes = (r: Result<unknown>) => (r.ok ? [] : r.violations.map((v) => `${v.field}:${v.code}`));

describe("checkAdmissionEligibility", () => {
  it("accepts a complete, valid candidate", () => {
    expect(checkAdmissionEligibility(base)).toEqual({ ok: true, value: { age: 24, courseValidUntil: "2028-06-01", over60: false } });
  });

  it("age 18 is reached on the birthday, checked on the consideration date", () => {
    const young = { ...base, birthDate: "2006-06-02", introductions: youthIntro() };
    const r = checkAdmissionEligibility(young);
    expect(codes(r)).toEqual(["birthDate:too_young"]);
    expect(r.ok ? "" : r.violations[0]!.message).toContain("turns 18 on 2024-06-02");
    expect(checkAdmissionEligibility({ ...young, birthDate: "2006-06-01" }).ok).toBe(true);
  });

  it("a 29 February birthday is 18 on 28 February of a common year", () => {
    const leap = { ...base, birthDate: "2008-02-29", courseCompletedOn: "2025-06-01", dossierOpenedOn: undefined, introductions: youthIntro("2024-01-01") };
    expect(codes(checkAdmissionEligibility({ ...leap, considerationDate: "2026-02-27" }))).toEqual(["birthDate:too_young"]);
    expect(checkAdmissionEligibility({ ...leap, considerationDate: "2026-02-28" }).ok).toBe(true);
  });

  it("up to 60 years counted in months; older needs the provincial-level decision", () => {
    const old = { ...base, birthDate: "1964-06-01", introductions: twoMembers() };
    expect(checkAdmissionEligibility(old)).toMatchObject({ ok: true, value: { age: 60, over60: false } });
    expect(checkAdmissionEligibility({ ...old, birthDate: "1964-05-02" })).toMatchObject({ ok: true, value: { over60: false } }); // 60 years 0 months
    const over = { ...old, birthDate: "1964-05-01" }; // 60 years 1 month
    expect(codes(checkAdmissionEligibility(over))).toEqual(["provincialApprovalOver60:over_60_needs_provincial_approval"]);
    expect(checkAdmissionEligibility({ ...over, provincialApprovalOver60: true })).toMatchObject({ ok: true, value: { over60: true } });
  });

  it("the course certificate is valid 60 months and must precede the consideration", () => {
    expect(checkAdmissionEligibility({ ...base, courseCompletedOn: "2019-06-01" }).ok).toBe(true); // last valid day
    expect(codes(checkAdmissionEligibility({ ...base, courseCompletedOn: "2019-05-31" }))).toEqual(["courseCompletedOn:course_expired"]);
    expect(codes(checkAdmissionEligibility({ ...base, courseCompletedOn: null }))).toEqual(["courseCompletedOn:course_missing"]);
    expect(codes(checkAdmissionEligibility({ ...base, courseCompletedOn: "2024-06-02" }))).toEqual(["courseCompletedOn:course_after_consideration"]);
  });

  it("education: lower-secondary diploma or an exemption", () => {
    expect(codes(checkAdmissionEligibility({ ...base, hasLowerSecondaryDiploma: false }))).toEqual(["hasLowerSecondaryDiploma:education_required"]);
    expect(checkAdmissionEligibility({ ...base, hasLowerSecondaryDiploma: false, educationExemption: true }).ok).toBe(true);
  });

  it("introductions: two, official members who worked with the candidate for a year", () => {
    const intro = (since: string, status: "official" | "probationary" = "official") => ({ kind: "member" as const, memberStatus: status, workedTogetherSince: since });
    expect(checkAdmissionEligibility({ ...base, introductions: [intro("2023-06-01"), intro("2020-01-01")] }).ok).toBe(true); // exactly one year
    expect(codes(checkAdmissionEligibility({ ...base, introductions: [intro("2023-06-02"), intro("2020-01-01")] }))).toEqual([
      "introductions.0.workedTogetherSince:introducer_too_recent",
    ]);
    expect(codes(checkAdmissionEligibility({ ...base, introductions: [intro("2020-01-01", "probationary"), intro("2020-01-01")] }))).toEqual([
      "introductions.0.memberStatus:introducer_not_official",
    ]);
    expect(codes(checkAdmissionEligibility({ ...base, introductions: [intro("2020-01-01")] }))).toEqual(["introductions:two_introductions_required"]);
    expect(codes(checkAdmissionEligibility({ ...base, introductions: [{ kind: "member", memberStatus: "official" }, intro("2020-01-01")] }))).toEqual([
      "introductions.0.workedTogetherSince:required",
    ]);
  });

  it("youth union introduces candidates up to 30, trade union the older ones", () => {
    expect(checkAdmissionEligibility({ ...base, introductions: youthIntro() }).ok).toBe(true); // 24
    expect(codes(checkAdmissionEligibility({ ...base, introductions: [{ kind: "trade_union" }, twoMembers()[0]!] }))).toEqual([
      "introductions.0.kind:trade_union_not_applicable",
    ]);
    const at30 = { ...base, birthDate: "1994-01-01", introductions: youthIntro() };
    expect(checkAdmissionEligibility(at30)).toMatchObject({ ok: true, value: { age: 30 } });
    const at31 = { ...base, birthDate: "1993-06-01", introductions: youthIntro() };
    expect(codes(checkAdmissionEligibility(at31))).toEqual(["introductions.0.kind:youth_union_not_applicable"]);
    expect(checkAdmissionEligibility({ ...at31, introductions: [{ kind: "trade_union" }, twoMembers()[0]!] }).ok).toBe(true);
    expect(codes(checkAdmissionEligibility({ ...base, introductions: [{ kind: "youth_union" }, { kind: "youth_union" }] }))).toEqual([
      "introductions:member_introducer_required",
      "introductions:one_organization_introduction",
    ]);
  });

  it("a dossier older than 12 months must be redone; readmission only once", () => {
    expect(checkAdmissionEligibility({ ...base, dossierOpenedOn: "2023-06-01" }).ok).toBe(true);
    expect(codes(checkAdmissionEligibility({ ...base, dossierOpenedOn: "2023-05-31" }))).toEqual(["dossierOpenedOn:dossier_stale"]);
    expect(codes(checkAdmissionEligibility({ ...base, readmission: { previousReadmissions: 1 } }))).toEqual(["readmission.previousReadmissions:readmission_limit"]);
    expect(checkAdmissionEligibility({ ...base, readmission: { previousReadmissions: 0 } }).ok).toBe(true);
  });

  it("the cell vote needs two thirds of the official members", () => {
    expect(hasTwoThirds(8, 12)).toBe(true);
    expect(hasTwoThirds(7, 12)).toBe(false);
    expect(hasTwoThirds(2, 3)).toBe(true);
    expect(hasTwoThirds(1, 2)).toBe(false);
    expect(hasTwoThirds(0, 0)).toBe(false);
    const r = checkAdmissionEligibility({ ...base, cellVote: { inFavor: 7, officialMembers: 12 } });
    expect(codes(r)).toEqual(["cellVote.inFavor:two_thirds_not_reached"]);
    expect(r.ok ? "" : r.violations[0]!.message).toContain("at least 8 needed");
    expect(codes(checkAdmissionEligibility({ ...base, cellVote: { inFavor: 13, officialMembers: 12 } }))).toEqual(["cellVote.inFavor:invalid_count"]);
    expect(codes(checkAdmissionEligibility({ ...base, cellVote: { inFavor: 0, officialMembers: 0 } }))).toEqual(["cellVote.officialMembers:no_official_members"]);
    expect(codes(checkAdmissionEligibility({ ...base, cellVote: { inFavor: 2.5, officialMembers: 3 } }))).toEqual(["cellVote.inFavor:invalid_count"]);
  });

  it("reports every violation at once, and bad dates by field", () => {
    const r = checkAdmissionEligibility({ ...base, birthDate: "2010-01-01", courseCompletedOn: null, hasLowerSecondaryDiploma: false, introductions: [] });
    expect(codes(r)).toEqual([
      "birthDate:too_young",
      "courseCompletedOn:course_missing",
      "hasLowerSecondaryDiploma:education_required",
      "introductions:two_introductions_required",
    ]);
    expect(codes(checkAdmissionEligibility({ ...base, birthDate: "31/12/2000" }))).toEqual(["birthDate:invalid_date"]);
    expect(codes(checkAdmissionEligibility({ ...base, considerationDate: "2024-02-30" }))).toEqual(["considerationDate:invalid_date"]);
    expect(codes(checkAdmissionEligibility({ ...base, birthDate: "2024-06-02" }))).toEqual(["birthDate:born_after_consideration"]);
  });
});

function youthIntro(since = "2020-01-01") {
  return [{ kind: "youth_union" as const }, { kind: "member" as const, memberStatus: "official" as const, workedTogetherSince: since }];
}
function twoMembers() {
  return [
    { kind: "member" as const, memberStatus: "official" as const, workedTogetherSince: "2020-01-01" },
    { kind: "member" as const, memberStatus: "official" as const, workedTogetherSince: "2021-01-01" },
  ];
}

describe("checkCandidateRegistration (rules at the date of the act)", () => {
  const today = "2026-11-20";
  it("checks the certificate on the registration date, not today", () => {
    expect(checkCandidateRegistration({ birthDate: "2001-02-14", courseCompletedOn: "2019-01-10", registeredOn: "2023-06-01", today })).toEqual({ ok: true, value: { courseValidUntil: "2024-01-10" } });
    expect(codes(checkCandidateRegistration({ birthDate: "2001-02-14", courseCompletedOn: "2019-01-10", registeredOn: "2024-01-11", today }))).toEqual(["courseCompletedOn:course_expired"]);
  });
  it("lets today bound only the future", () => {
    expect(codes(checkCandidateRegistration({ birthDate: "2001-02-14", courseCompletedOn: "2026-01-10", registeredOn: "2026-12-01", today }))).toEqual(["registeredOn:in_future"]);
    expect(codes(checkCandidateRegistration({ birthDate: "2001-02-14", courseCompletedOn: "2026-12-01", registeredOn: today, today }))).toEqual(["courseCompletedOn:in_future"]);
    expect(codes(checkCandidateRegistration({ birthDate: "2001-02-14", courseCompletedOn: "2026-01-10", registeredOn: "2025-12-01", today }))).toEqual(["courseCompletedOn:course_after_registration"]);
  });
});

describe("ceremony", () => {
  it("within 30 working days of receiving the decision", () => {
    expect(checkCeremonyDate("2025-03-14", "2025-04-25")).toEqual({ ok: true, value: { deadline: "2025-04-25" } });
    expect(codes(checkCeremonyDate("2025-03-14", "2025-04-28"))).toEqual(["ceremonyOn:ceremony_late"]);
    expect(checkCeremonyDate("2025-03-14", "2025-04-28", { holidays: new Set(["2025-04-07", "2025-04-30", "2025-05-01"]) }).ok).toBe(true);
    expect(checkCeremonyDate("2025-03-14", "2025-06-01", { lateApproved: true }).ok).toBe(true);
    expect(codes(checkCeremonyDate("2025-03-14", "2025-03-13"))).toEqual(["ceremonyOn:ceremony_before_decision"]);
  });
});

describe("probation", () => {
  it("ends 12 months after the ceremony, clamped for 29 February", () => {
    expect(probationEndDate("2024-03-15")).toBe("2025-03-15");
    expect(probationEndDate("2024-02-29")).toBe("2025-02-28");
    expect(probationEndDate("2023-02-28")).toBe("2024-02-28");
    expect(probationEndDate("2024-12-31")).toBe("2025-12-31");
    expect(probationEndDate("2024-01-01")).toBe("2025-01-01");
  });

  it("stages around the exactly-12-months day and the 30-working-day review deadline", () => {
    const p = { admittedOn: "2024-03-15", outcome: null };
    expect(recognitionReviewDeadline("2024-03-15")).toBe("2025-04-25");
    expect(probationStatus(p, "2025-03-14")).toEqual({
      stage: "in_probation",
      dueOn: "2025-03-15",
      reviewDeadline: "2025-04-25",
      pastDue: false,
      overdue: false,
      daysUntilDue: 1,
    });
    expect(probationStatus(p, "2025-03-15")).toMatchObject({ stage: "awaiting_decision", pastDue: true, overdue: false, daysUntilDue: 0 });
    expect(probationStatus(p, "2025-04-25")).toMatchObject({ stage: "awaiting_decision", overdue: false });
    expect(probationStatus(p, "2025-04-26")).toMatchObject({ stage: "overdue", pastDue: true, overdue: true, daysUntilDue: -42 });
    expect(probationStatus({ ...p, outcome: "recognized" }, "2026-01-01")).toMatchObject({ stage: "decided", pastDue: false, overdue: false });
    const leap = { admittedOn: "2024-02-29", outcome: null };
    expect(probationStatus(leap, "2025-02-27").stage).toBe("in_probation");
    expect(probationStatus(leap, "2025-02-28").stage).toBe("awaiting_decision");
    expect(probationStatus(leap, "2025-04-11").stage).toBe("awaiting_decision");
    expect(probationStatus(leap, "2025-04-12").stage).toBe("overdue");
  });
});

describe("decideProbation", () => {
  const input: ProbationDecisionInput = {
    admittedOn: "2024-03-15",
    outcome: "recognized",
    decidedOn: "2025-03-15",
    newMemberCourseCompletedOn: "2024-09-01",
    currentStatus: "probationary",
    cellVote: { inFavor: 5, officialMembers: 7 },
  };

  it("recognizes on the exactly-12-months day", () => {
    expect(decideProbation(input)).toEqual({ ok: true, value: { outcome: "recognized", officialOn: "2025-03-15", newStatus: "official", late: false } });
  });

  it("is too early the day before", () => {
    expect(codes(decideProbation({ ...input, decidedOn: "2025-03-14" }))).toEqual(["decidedOn:probation_not_finished"]);
  });

  it("a late decision still makes the member official at the end of probation", () => {
    expect(decideProbation({ ...input, decidedOn: "2025-05-20" })).toEqual({
      ok: true,
      value: { outcome: "recognized", officialOn: "2025-03-15", newStatus: "official", late: true },
    });
    expect(decideProbation({ ...input, decidedOn: "2025-04-25" })).toMatchObject({ value: { late: false } });
    expect(decideProbation({ ...input, admittedOn: "2024-02-29", decidedOn: "2025-02-28" })).toMatchObject({ value: { officialOn: "2025-02-28" } });
  });

  it("requires the new-member course, the vote and a probationary member", () => {
    expect(codes(decideProbation({ ...input, newMemberCourseCompletedOn: null }))).toEqual(["newMemberCourseCompletedOn:new_member_course_missing"]);
    expect(codes(decideProbation({ ...input, newMemberCourseCompletedOn: "2024-03-14" }))).toEqual(["newMemberCourseCompletedOn:course_before_admission"]);
    expect(codes(decideProbation({ ...input, newMemberCourseCompletedOn: "2025-03-16" }))).toEqual(["newMemberCourseCompletedOn:course_after_decision"]);
    expect(codes(decideProbation({ ...input, cellVote: undefined }))).toEqual(["cellVote:required"]);
    expect(codes(decideProbation({ ...input, cellVote: { inFavor: 4, officialMembers: 7 } }))).toEqual(["cellVote.inFavor:two_thirds_not_reached"]);
    expect(codes(decideProbation({ ...input, currentStatus: "official" }))).toEqual(["currentStatus:not_probationary"]);
  });

  it("not recognized: needs a reason; the member is struck off", () => {
    const no = { ...input, outcome: "not_recognized" as const, newMemberCourseCompletedOn: null, cellVote: undefined };
    expect(codes(decideProbation(no))).toEqual(["reason:required"]);
    expect(codes(decideProbation({ ...no, reason: "  " }))).toEqual(["reason:required"]);
    expect(decideProbation({ ...no, reason: "vi phạm tư cách đảng viên" })).toEqual({
      ok: true,
      value: { outcome: "not_recognized", officialOn: null, newStatus: "removed", late: false },
    });
  });

  it("rejects malformed dates by field", () => {
    expect(codes(decideProbation({ ...input, decidedOn: "2025/03/15" }))).toEqual(["decidedOn:invalid_date"]);
  });
});
