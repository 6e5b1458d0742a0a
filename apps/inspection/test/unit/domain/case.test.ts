import { describe, expect, it } from "vitest";
import {
  CASE_STATUSES,
  CASE_TRANSITIONS,
  DomainError,
  assertTransition,
  canTransition,
  checkCaseDates,
  checkFindings,
  inspectionFromSupervision,
  supervisionBecomesInspection,
  throwIfViolations,
  type SupervisionCase,
} from "../../../src/domain/index.js";

const member = { kind: "member", probationary: false, holdsPost: false } as const;
const org = { kind: "organization" } as const;

describe("lifecycle: decided → under_way → concluded", () => {
  it("allows exactly the two forward moves", () => {
    const allowed = CASE_STATUSES.flatMap((from) => CASE_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(["decided→under_way", "under_way→concluded"]);
    expect(CASE_TRANSITIONS.concluded).toEqual([]);
  });
  it("refuses skipping, going back and staying, as CONFLICT on status", () => {
    for (const [from, to] of [
      ["decided", "concluded"],
      ["concluded", "under_way"],
      ["under_way", "decided"],
      ["under_way", "under_way"],
    ] as const) {
      expect(() => assertTransition(from, to)).toThrow(DomainError);
      try {
        assertTransition(from, to);
      } catch (e) {
        expect(e).toMatchObject({ code: "CONFLICT", reason: "illegal_transition", field: "status" });
      }
    }
    expect(() => assertTransition("decided", "under_way")).not.toThrow();
  });
});

describe("findings", () => {
  it("a violation needs a degree", () => {
    expect(checkFindings({ violation: true, degree: null, proposedForm: null }, member).map((v) => v.code)).toEqual(["degree_required"]);
    expect(checkFindings({ violation: true, degree: "serious", proposedForm: "warning" }, member)).toEqual([]);
    expect(checkFindings({ violation: true, degree: "less_serious", proposedForm: null }, member)).toEqual([]);
  });
  it("no violation: no degree, no discipline", () => {
    expect(checkFindings({ violation: false, degree: null, proposedForm: null }, member)).toEqual([]);
    expect(checkFindings({ violation: false, degree: "serious", proposedForm: "reprimand" }, member).map((v) => v.code)).toEqual(["degree_without_violation", "discipline_without_violation"]);
  });
  it("the proposed form must fit the subject", () => {
    expect(checkFindings({ violation: true, degree: "very_serious", proposedForm: "dissolution" }, member).map((v) => v.field)).toEqual(["findings.proposedForm"]);
    expect(checkFindings({ violation: true, degree: "very_serious", proposedForm: "expulsion" }, org).map((v) => v.code)).toEqual(["form_not_allowed"]);
    expect(checkFindings({ violation: true, degree: "serious", proposedForm: "dismissal" }, member).map((v) => v.code)).toEqual(["form_not_allowed"]); // no post
    expect(checkFindings({ violation: true, degree: "serious", proposedForm: "dismissal" }, { ...member, holdsPost: true })).toEqual([]);
    expect(checkFindings({ violation: true, degree: "very_serious", proposedForm: "expulsion" }, { ...member, probationary: true }).map((v) => v.code)).toEqual(["form_not_allowed"]);
  });
  it("violations are bilingual and throwIfViolations answers the first as a 400 naming its field", () => {
    const v = checkFindings({ violation: true, degree: null, proposedForm: null }, member);
    expect(v[0]?.message).toBe(`${v[0]?.vi} / ${v[0]?.en}`);
    expect(() => throwIfViolations(v)).toThrow(expect.objectContaining({ code: "BAD_REQUEST", field: "findings.degree" }));
    expect(() => throwIfViolations([])).not.toThrow();
  });
});

describe("case dates", () => {
  it("decided ≤ started ≤ concluded", () => {
    expect(checkCaseDates({ decidedOn: "2025-03-01", startedOn: "2025-03-05", concludedOn: "2025-04-01" })).toEqual([]);
    expect(checkCaseDates({ decidedOn: "2025-03-01", startedOn: "2025-02-28", concludedOn: null }).map((v) => v.field)).toEqual(["startedOn"]);
    expect(checkCaseDates({ decidedOn: "2025-03-01", startedOn: "2025-03-05", concludedOn: "2025-03-04" }).map((v) => v.code)).toEqual(["date_order"]);
    expect(checkCaseDates({ decidedOn: "2025-03-01", startedOn: null, concludedOn: "2025-03-04" }).map((v) => v.code)).toEqual(["concluded_without_start"]);
    expect(checkCaseDates({ decidedOn: "2025-03-01", startedOn: null, concludedOn: null, plannedEndOn: "2025-02-01" }).map((v) => v.field)).toEqual(["plannedEndOn"]);
    expect(checkCaseDates({ decidedOn: "2025-03-01", startedOn: "2025-02-30", concludedOn: null }).map((v) => v.code)).toEqual(["invalid_date"]);
  });
});

describe("a supervision with signs of violation becomes an inspection", () => {
  const s: SupervisionCase = {
    id: "0190a0a0-0000-7000-8000-000000000001",
    kind: "thematic",
    conductorKind: "commission",
    conductorOrgPath: "/01/",
    subjectKind: "member",
    memberId: 42,
    orgId: null,
    subjectOrgPath: "/01/01-A/c1/",
  };
  it("of kind signs_of_violation, same conductor and subject", () => {
    expect(supervisionBecomesInspection({ signsOfViolation: true })).toBe(true);
    expect(inspectionFromSupervision(s, { signsOfViolation: true }, "2025-06-02")).toEqual({
      kind: "signs_of_violation",
      conductorKind: "commission",
      conductorOrgPath: "/01/",
      subjectKind: "member",
      memberId: 42,
      orgId: null,
      subjectOrgPath: "/01/01-A/c1/",
      decidedOn: "2025-06-02",
      fromSupervisionId: s.id,
    });
  });
  it("not without signs", () => {
    expect(supervisionBecomesInspection({ signsOfViolation: false })).toBe(false);
    expect(() => inspectionFromSupervision(s, { signsOfViolation: false }, "2025-06-02")).toThrow(expect.objectContaining({ code: "CONFLICT", reason: "no_signs_of_violation" }));
  });
});
