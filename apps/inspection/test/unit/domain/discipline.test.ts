import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BAR_PURPOSES,
  DISCIPLINE_FORMS,
  DomainError,
  allowedForms,
  appealLastDay,
  buildCalendar,
  appellantRefusal,
  assertCompetent,
  barredUntil,
  checkLimitation,
  competentForms,
  dissolutionApprovalBy,
  effectiveOn,
  formsForDegree,
  isAppealInTime,
  isBarred,
  isCompetent,
  limitation,
  limitationYears,
  type CompetenceSubject,
  type DecidingBody,
  type DisciplineForm,
} from "../../../src/domain/index.js";
import { addMonths } from "@orgboard/locale-vi";

describe("forms per subject (Điều lệ Art. 35, QĐ 296 Art. 9)", () => {
  it("official member: all four, dismissal only with a post", () => {
    expect(allowedForms({ kind: "member", probationary: false, holdsPost: true })).toEqual(["reprimand", "warning", "dismissal", "expulsion"]);
    expect(allowedForms({ kind: "member", probationary: false, holdsPost: false })).toEqual(["reprimand", "warning", "expulsion"]);
  });
  it("probationary member: reprimand, warning", () => {
    expect(allowedForms({ kind: "member", probationary: true, holdsPost: true })).toEqual(["reprimand", "warning"]);
  });
  it("organization: reprimand, warning, dissolution", () => {
    expect(allowedForms({ kind: "organization" })).toEqual(["reprimand", "warning", "dissolution"]);
  });
  it("degree → forms", () => {
    expect(formsForDegree("member", "less_serious")).toEqual(["reprimand"]);
    expect(formsForDegree("member", "serious")).toEqual(["warning", "dismissal"]);
    expect(formsForDegree("organization", "serious")).toEqual(["warning"]);
    expect(formsForDegree("member", "very_serious")).toEqual(["expulsion"]);
    expect(formsForDegree("organization", "especially_serious")).toEqual(["dissolution"]);
  });
});

// The tree: "/" centre; "/01/" a province; "/01/01-A/" a grassroots committee with cell c1 and a partial
// committee p1 (cell c2); "/01/01-U/" an upper-grassroots committee; "/02/" another province.
const C1 = "/01/01-A/c1/";
const A = "/01/01-A/";
const P = "/01/";
const m = (seats: string[] = [], managedBy: string | null = null, cellPath = C1): CompetenceSubject => ({ kind: "member", cellPath, committeeSeats: seats, managedBy });

const subjects = {
  plain: m(),
  cellCommittee: m([C1]),
  partialCommittee: m(["/01/01-A/p1/"], null, "/01/01-A/p1/c2/"),
  grassrootsCommittee: m([A]),
  provincialCommittee: m([P]),
  provincialCadre: m([], P),
  centralCadre: m([], "/"),
  centralCommittee: m(["/"]),
  otherProvince: m([], null, "/02/02-X/c9/"),
} as const;

const bodies = {
  cell: { kind: "cell", orgPath: C1 },
  otherCell: { kind: "cell", orgPath: "/01/01-A/c3/" },
  grassrootsAuthorized: { kind: "grassroots_committee", orgPath: A, authorizedToAdmit: true },
  grassroots: { kind: "grassroots_committee", orgPath: A, authorizedToAdmit: false },
  grassrootsCommission: { kind: "commission", orgPath: A, grassroots: true },
  provincialCommittee: { kind: "committee", orgPath: P },
  provincialStanding: { kind: "standing_committee", orgPath: P },
  provincialCommission: { kind: "commission", orgPath: P, grassroots: false },
  centralCommittee: { kind: "committee", orgPath: "/" },
  centralStanding: { kind: "standing_committee", orgPath: "/" },
  centralCommission: { kind: "commission", orgPath: "/", grassroots: false },
} as const satisfies Record<string, DecidingBody>;

const RW: DisciplineForm[] = ["reprimand", "warning"];
const RWD: DisciplineForm[] = ["reprimand", "warning", "dismissal"];
const RWE: DisciplineForm[] = ["reprimand", "warning", "expulsion"];
const ALL: DisciplineForm[] = ["reprimand", "warning", "dismissal", "expulsion"];
const NONE: DisciplineForm[] = [];

// [body, subject, forms]: every pair listed; the matrix is the reading of Điều lệ Art. 36 and QĐ 296
// Art. 10 in docs/inspection.md ("Competence").
const MATRIX: [keyof typeof bodies, keyof typeof subjects, DisciplineForm[]][] = [
  ["cell", "plain", RW],
  ["cell", "cellCommittee", RW],
  ["cell", "grassrootsCommittee", RW],
  ["cell", "provincialCommittee", RW], // committee members of any level, by the cell
  ["cell", "provincialCadre", RW],
  ["cell", "centralCommittee", RW],
  ["cell", "otherProvince", NONE],
  ["otherCell", "plain", NONE], // another cell of the same grassroots
  ["grassrootsAuthorized", "plain", RWE],
  ["grassrootsAuthorized", "cellCommittee", RWD], // dismissal of a lower-level committee member; no expulsion of a committee member
  ["grassrootsAuthorized", "partialCommittee", RWD],
  ["grassrootsAuthorized", "grassrootsCommittee", RW],
  ["grassrootsAuthorized", "provincialCommittee", RW],
  ["grassrootsAuthorized", "provincialCadre", RW], // upper-managed: no expulsion
  ["grassrootsAuthorized", "otherProvince", NONE],
  ["grassroots", "plain", RW],
  ["grassroots", "cellCommittee", RWD],
  ["grassrootsCommission", "plain", RW],
  ["grassrootsCommission", "cellCommittee", RW],
  ["grassrootsCommission", "grassrootsCommittee", NONE],
  ["grassrootsCommission", "provincialCadre", NONE],
  ["provincialCommittee", "plain", ALL],
  ["provincialCommittee", "cellCommittee", ALL],
  ["provincialCommittee", "grassrootsCommittee", ALL],
  ["provincialCommittee", "provincialCadre", ALL],
  ["provincialCommittee", "provincialCommittee", RW], // same level: dismissal/expulsion by the level above
  ["provincialCommittee", "centralCadre", NONE],
  ["provincialCommittee", "centralCommittee", NONE],
  ["provincialCommittee", "otherProvince", NONE],
  ["provincialStanding", "plain", ALL],
  ["provincialStanding", "provincialCommittee", RW],
  ["provincialStanding", "centralCadre", NONE],
  ["provincialCommission", "plain", ALL],
  ["provincialCommission", "cellCommittee", RWD],
  ["provincialCommission", "grassrootsCommittee", RWD],
  ["provincialCommission", "provincialCadre", RW],
  ["provincialCommission", "provincialCommittee", RW],
  ["provincialCommission", "centralCadre", NONE],
  ["provincialCommission", "otherProvince", NONE],
  ["centralCommittee", "centralCommittee", ALL], // the Centre has no level above
  ["centralCommittee", "centralCadre", ALL],
  ["centralCommittee", "provincialCommittee", ALL],
  ["centralCommittee", "otherProvince", ALL],
  ["centralStanding", "centralCommittee", RW],
  ["centralStanding", "centralCadre", ALL],
  ["centralCommission", "centralCommittee", RW],
  ["centralCommission", "centralCadre", RW],
  ["centralCommission", "provincialCommittee", RWD],
  ["centralCommission", "plain", ALL],
];

describe("competence: members", () => {
  it.each(MATRIX)("%s against %s → %j", (body, subject, forms) => {
    expect(competentForms(bodies[body], subjects[subject])).toEqual(forms);
    for (const f of DISCIPLINE_FORMS) expect(isCompetent(bodies[body], subjects[subject], f)).toBe(forms.includes(f));
  });

  it("never an organization's form against a member", () => {
    for (const b of Object.values(bodies)) for (const s of Object.values(subjects)) expect(competentForms(b, s)).not.toContain("dissolution");
  });

  it("a cell is not competent for a task assigned by the upper level; the grassroots committee still is", () => {
    expect(competentForms(bodies.cell, subjects.plain, { upperLevelTask: true })).toEqual([]);
    expect(competentForms(bodies.grassroots, subjects.plain, { upperLevelTask: true })).toEqual(RW);
  });

  it("assertCompetent throws CONFLICT not_competent naming the field", () => {
    expect(() => assertCompetent(bodies.cell, subjects.plain, "expulsion")).toThrow(DomainError);
    try {
      assertCompetent(bodies.cell, subjects.plain, "expulsion");
    } catch (e) {
      expect(e).toMatchObject({ code: "CONFLICT", reason: "not_competent", field: "form" });
      expect((e as Error).message).toMatch(/^Cơ quan quyết định không có thẩm quyền .* \/ The deciding body is not competent/);
    }
    expect(() => assertCompetent(bodies.cell, subjects.plain, "warning")).not.toThrow();
  });

  it("a committee's competence never leaves its subtree (no prefix confusion: /01/ does not cover /010/)", () => {
    expect(competentForms(bodies.provincialCommittee, m([], null, "/010/x/c/"))).toEqual([]);
  });
});

describe("competence: organizations (QĐ 296 Art. 11)", () => {
  const org = (orgPath: string): CompetenceSubject => ({ kind: "organization", orgPath });
  it.each([
    [bodies.grassroots, org(C1), ["reprimand", "warning", "dissolution"]],
    [bodies.provincialCommittee, org(A), ["reprimand", "warning", "dissolution"]],
    [bodies.provincialStanding, org(A), ["reprimand", "warning"]],
    [bodies.provincialCommission, org(A), []],
    [bodies.provincialCommittee, org(C1), []], // not the level directly above
    [bodies.centralCommittee, org(P), ["reprimand", "warning", "dissolution"]],
    [bodies.centralCommittee, org(A), []],
    [bodies.cell, org(C1), []],
  ] as [DecidingBody, CompetenceSubject, DisciplineForm[]][])("%j against %j", (body, subject, forms) => {
    expect(competentForms(body, subject)).toEqual(forms);
  });
  it("a dissolution decided at /01/01-A/ is approved at /01/", () => {
    expect(dissolutionApprovalBy(A)).toBe(P);
    expect(dissolutionApprovalBy("/")).toBeNull();
  });
});

describe("statute of limitations (QĐ 69-QĐ/TW)", () => {
  it("years by degree and subject kind", () => {
    expect(limitationYears("member", "less_serious")).toBe(5);
    expect(limitationYears("member", "serious")).toBe(10);
    expect(limitationYears("organization", "less_serious")).toBe(5);
    expect(limitationYears("organization", "serious")).toBe(10);
    expect(limitationYears("member", "very_serious")).toBeNull();
    expect(limitationYears("organization", "especially_serious")).toBeNull();
    expect(limitationYears("member", "less_serious", "internal_politics")).toBeNull();
    expect(limitationYears("member", "serious", "forged_diplomas")).toBeNull();
    expect(limitationYears("organization", "less_serious", "defence_security_foreign_affairs")).toBeNull();
  });

  it.each([
    ["member", "less_serious", "2019-03-10", "2024-03-10", false],
    ["member", "less_serious", "2019-03-10", "2024-03-11", true],
    ["member", "less_serious", "2019-03-10", "2024-03-09", false],
    ["member", "serious", "2014-06-30", "2024-06-30", false],
    ["member", "serious", "2014-06-30", "2024-07-01", true],
    ["organization", "less_serious", "2020-01-01", "2025-01-01", false],
    ["organization", "less_serious", "2020-01-01", "2025-01-02", true],
    ["organization", "serious", "2015-12-31", "2026-01-01", true],
    ["member", "very_serious", "1990-01-01", "2026-12-05", false],
  ] as const)("%s, %s, violated %s, concluded %s → expired %s", (subjectKind, degree, violatedOn, concludedOn, expired) => {
    expect(limitation({ subjectKind, degree, violatedOn, concludedOn }).expired).toBe(expired);
  });

  it("29 February: the period ends on 28 February", () => {
    const r = limitation({ subjectKind: "member", degree: "less_serious", violatedOn: "2020-02-29", concludedOn: "2025-02-28" });
    expect(r).toMatchObject({ lastDay: "2025-02-28", expired: false });
    expect(limitation({ subjectKind: "member", degree: "less_serious", violatedOn: "2020-02-29", concludedOn: "2025-03-01" }).expired).toBe(true);
  });

  it("a new violation within the period restarts it; one after the period does not revive it", () => {
    const base = { subjectKind: "member", degree: "less_serious", violatedOn: "2015-05-01", concludedOn: "2022-01-01" } as const;
    expect(limitation(base).expired).toBe(true);
    expect(limitation({ ...base, newViolationOn: "2019-01-01" })).toMatchObject({ from: "2019-01-01", lastDay: "2024-01-01", expired: false });
    expect(limitation({ ...base, newViolationOn: "2020-05-02" }).expired).toBe(true);
  });

  it("checkLimitation names the field and the last day, in Vietnamese first", () => {
    const v = checkLimitation({ subjectKind: "member", degree: "less_serious", violatedOn: "2019-03-10", concludedOn: "2024-03-11" });
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ field: "violatedOn", code: "limitation_expired" });
    expect(v[0]?.message).toContain("Đã hết thời hiệu");
    expect(v[0]?.message).toContain("2024-03-10");
    expect(checkLimitation({ subjectKind: "member", degree: "less_serious", violatedOn: "2024-03-12", concludedOn: "2024-03-11" })[0]?.code).toBe("violation_after_conclusion");
    expect(checkLimitation({ subjectKind: "member", degree: "less_serious", violatedOn: "2024-02-30", concludedOn: "2024-03-11" })[0]?.code).toBe("invalid_date");
  });
});

describe("effect (QĐ 296 Art. 15)", () => {
  it("a cell's decision on the meeting day; others on announcement", () => {
    expect(effectiveOn({ body: "cell", decidedOn: "2025-03-03", announcedOn: null })).toBe("2025-03-03");
    expect(effectiveOn({ body: "commission", decidedOn: "2025-03-03", announcedOn: "2025-03-10" })).toBe("2025-03-10");
    expect(effectiveOn({ body: "committee", decidedOn: "2025-03-03", announcedOn: null })).toBeNull();
    expect(effectiveOn({ body: "standing_committee", decidedOn: "2025-03-03", announcedOn: "2025-03-01" })).toBe("2025-03-03");
  });
});

describe("appeals", () => {
  it("within one month of receiving the decision, or 30 working days if later (Điều lệ Art. 39.7, both readings)", () => {
    // one month: 28/02/2025; 30 working days: 14/03/2025
    expect(appealLastDay("2025-01-31")).toBe("2025-03-14");
    expect(appealLastDay("2025-01-31", buildCalendar([]))).toBe("2025-03-14");
    // 30 working days from Sat 15/03/2025 end on the working Saturday 26/04 (Giỗ Tổ 07/04 skipped); a month is 15/04
    expect(isAppealInTime("2025-03-15", "2025-04-15")).toBe(true);
    expect(isAppealInTime("2025-03-15", "2025-04-26")).toBe(true);
    expect(isAppealInTime("2025-03-15", "2025-04-27")).toBe(false);
    expect(isAppealInTime("2025-03-15", "2025-03-14")).toBe(false);
  });
  it("the month wins where 30 working days are shorter: never (30 working days span at least six weeks)", () => {
    for (const d of ["2024-01-31", "2024-12-20", "2025-06-30", "2026-02-10"]) expect(appealLastDay(d) >= addMonths(d, 1)).toBe(true);
  });
  it("only the disciplined member or organization", () => {
    expect(appellantRefusal({ kind: "member", memberId: 7 }, { kind: "member", memberId: 7 })).toBeNull();
    expect(appellantRefusal({ kind: "member", memberId: 8 }, { kind: "member", memberId: 7 })?.code).toBe("appeal_on_behalf");
    expect(appellantRefusal({ kind: "member", memberId: 7 }, { kind: "organization", orgId: 7 })?.code).toBe("appeal_on_behalf");
    expect(appellantRefusal({ kind: "organization", orgId: 3 }, { kind: "organization", orgId: 3 })).toBeNull();
  });
});

describe("bars after a discipline: barredUntil(form, effectiveOn, purpose)", () => {
  it.each([
    ["reprimand", "appointment", "2026-03-15"],
    ["reprimand", "planning", "2026-03-15"],
    ["warning", "nomination", "2026-03-15"],
    ["dismissal", "appointment", "2026-03-15"],
    ["expulsion", "readmission", "2028-03-15"],
  ] as const)("%s, %s: until %s (from 15/03/2025)", (form, purpose, until) => {
    expect(barredUntil(form, "2025-03-15", purpose)).toBe(until);
    expect(isBarred(form, "2025-03-15", purpose, "2025-03-15")).toBe(true);
    expect(isBarred(form, "2025-03-15", purpose, until)).toBe(false);
  });
  it("no bar where the form imposes none", () => {
    expect(barredUntil("reprimand", "2025-03-15", "readmission")).toBeNull();
    expect(barredUntil("dissolution", "2025-03-15", "appointment")).toBeNull();
    for (const p of BAR_PURPOSES) expect(isBarred("dissolution", "2025-03-15", p, "2025-04-01")).toBe(false);
  });
  it("month arithmetic clamps: effective 29/02/2024 + 12 months = 28/02/2025", () => {
    expect(barredUntil("reprimand", "2024-02-29", "appointment")).toBe("2025-02-28");
  });
});

describe("competence: properties over random members and bodies", () => {
  const TREE = ["/", "/01/", "/01/01-A/", "/01/01-A/c1/", "/01/01-A/p1/", "/01/01-A/p1/c2/", "/01/01-U/", "/01/01-U/g/", "/01/01-U/g/c/", "/02/", "/02/02-X/", "/02/02-X/c9/"];
  const CELLS = ["/01/01-A/c1/", "/01/01-A/p1/c2/", "/01/01-U/g/c/", "/02/02-X/c9/"];
  const ancestors = (p: string) => TREE.filter((t) => p.startsWith(t));
  const memberArb = fc
    .constantFrom(...CELLS)
    .chain((cellPath) =>
      fc.record({
        kind: fc.constant("member" as const),
        cellPath: fc.constant(cellPath),
        committeeSeats: fc.subarray(ancestors(cellPath), { maxLength: 3 }),
        managedBy: fc.option(fc.constantFrom(...ancestors(cellPath)), { nil: null }),
      }),
    );
  const bodyArb: fc.Arbitrary<DecidingBody> = fc.oneof(
    fc.constantFrom(...CELLS).map((orgPath) => ({ kind: "cell" as const, orgPath })),
    fc.record({ kind: fc.constant("grassroots_committee" as const), orgPath: fc.constantFrom("/01/01-A/", "/01/01-U/g/"), authorizedToAdmit: fc.boolean() }),
    fc.record({ kind: fc.constantFrom("committee" as const, "standing_committee" as const), orgPath: fc.constantFrom("/", "/01/", "/01/01-U/", "/02/") }),
    fc.record({ kind: fc.constant("commission" as const), orgPath: fc.constantFrom(...TREE.filter((t) => !CELLS.includes(t))), grassroots: fc.boolean() }),
  );

  it("nobody is competent outside its subtree; inside, reprimand comes with any other form; the Central Committee can always expel", () => {
    fc.assert(
      fc.property(memberArb, bodyArb, (subject, body) => {
        const forms = competentForms(body, subject);
        if (!subject.cellPath.startsWith(body.orgPath)) expect(forms).toEqual([]);
        if (forms.length > 0) expect(forms).toContain("reprimand");
        expect(forms).not.toContain("dissolution");
        expect(isCompetent({ kind: "committee", orgPath: "/" }, subject, "expulsion")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("a committee is at least as competent as its standing committee, which is at least as competent as its commission", () => {
    fc.assert(
      fc.property(memberArb, fc.constantFrom("/", "/01/", "/01/01-U/", "/02/"), (subject, orgPath) => {
        const committee = competentForms({ kind: "committee", orgPath }, subject);
        const standing = competentForms({ kind: "standing_committee", orgPath }, subject);
        const commission = competentForms({ kind: "commission", orgPath, grassroots: false }, subject);
        for (const f of standing) expect(committee).toContain(f);
        for (const f of commission) expect(standing).toContain(f);
      }),
      { numRuns: 500 },
    );
  });
});
