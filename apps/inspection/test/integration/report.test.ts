// inspection.report.annual: the SQL aggregation agrees with the domain's reference (domain/report.ts) on
// the same records, for every subtree and year; a few figures checked by hand; counts for the boards and
// the commission, nothing for other roles or other provinces.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromDbDate, fromDbDateOrNull } from "../../src/app/dates.js";
import { annualReport, type ReportData } from "../../src/domain/index.js";
import { disciplineInput, inspectionInput, programInput, supervisionInput } from "./fixtures.js";
import { as, CENTRAL, failure, startHarness, TODAY, TREE, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const api = h.client({ sub: "national-inspector", roles: ["inspection_committee"], orgPaths: ["/"] }).inspection;
  const { hn1, hn2, p2 } = h.members;
  const commission = (orgPath: string) => ({ kind: "commission" as const, orgPath });
  // Inspections: one due within 5 working days of today, one overdue, one concluded last year, another province's.
  await api.inspections.decide.mutate(inspectionInput(hn1, { plannedEndOn: "2026-11-25", decisionNumber: "1" }));
  await api.inspections.decide.mutate(inspectionInput(hn1, { kind: "member_compliance", conductor: { kind: "grassroots_committee", orgPath: TREE.g1 }, decidedOn: "2026-02-01", plannedEndOn: "2026-10-01", decisionNumber: "2" }));
  const old = await api.inspections.decide.mutate(inspectionInput(0, { kind: "party_finance", subject: { kind: "organization", orgPath: TREE.g1 }, decidedOn: "2025-05-01", plannedEndOn: "2025-07-01", decisionNumber: "3" }));
  await api.inspections.start.mutate({ inspectionId: old.id, startedOn: "2025-05-05" });
  await api.inspections.conclude.mutate({ inspectionId: old.id, concludedOn: "2025-06-01", violation: true, degree: "serious", findings: "Vi phạm" });
  await api.inspections.decide.mutate(inspectionInput(p2, { conductor: commission(TREE.p2), decisionNumber: "4" }));
  // Supervisions: one became an inspection, one regular by a cell.
  const s = await api.supervisions.decide.mutate(supervisionInput());
  await api.supervisions.conclude.mutate({ supervisionId: s.id, concludedOn: "2026-07-15", signsOfViolation: true, findings: "Dấu hiệu", inspection: { decisionNumber: "5", content: "Kiểm tra" } });
  await api.supervisions.decide.mutate(supervisionInput({ kind: "regular", decisionNumber: undefined, conductor: { kind: "cell", orgPath: TREE.c1 }, subject: { kind: "member", memberId: hn1 } }));
  // A program with one of two items completed.
  const program = await api.programs.create.mutate(programInput(hn1));
  await api.programs.completeItem.mutate({ itemId: program.items[0]!.id, completedOn: "2026-06-01" });
  // Discipline: an expulsion and a warning in Hà Nội (the warning last year), a cell's reprimand in province 2.
  await api.discipline.decide.mutate(disciplineInput(hn2, { decisionNumber: "D1" }));
  const warning = await api.discipline.decide.mutate(disciplineInput(hn1, { form: "warning", degree: "serious", decisionNumber: "D2", decidedOn: "2026-11-02", announcedOn: "2026-11-03", violatedOn: "2025-01-01" }));
  await api.discipline.lodgeAppeal.mutate({ decisionId: warning.id, lodgedOn: "2026-11-16", content: "Khiếu nại" });
  await api.discipline.decide.mutate(disciplineInput(p2, { form: "reprimand", degree: "less_serious", decidedBy: { kind: "cell", orgPath: TREE.k2 }, decisionNumber: "D3", announcedOn: undefined }));
});
afterAll(() => h?.close());

/** The same records, as the domain's reference reads them. */
async function referenceData(): Promise<ReportData> {
  const p = h.db.prisma;
  const [items, inspections, supervisions, decisions, appeals] = await Promise.all([
    p.programItem.findMany({ include: { program: true } }),
    p.inspection.findMany(),
    p.supervision.findMany(),
    p.disciplineDecision.findMany(),
    p.appeal.findMany(),
  ]);
  const became = new Set(inspections.map((i) => i.supervisionId));
  return {
    programItems: items.map((i) => ({ ownerOrgPath: i.program.ownerOrgPath, year: i.program.year, completedOn: fromDbDateOrNull(i.completedOn) })),
    inspections: inspections.map((i) => ({
      kind: i.kind as never,
      conductorKind: i.conductorKind as never,
      conductorOrgPath: i.conductorOrgPath,
      subjectKind: i.subjectKind as never,
      status: i.status as never,
      decidedOn: fromDbDate(i.decidedOn),
      concludedOn: fromDbDateOrNull(i.concludedOn),
      violation: i.violation,
      plannedEndOn: fromDbDateOrNull(i.plannedEndOn),
    })),
    supervisions: supervisions.map((s) => ({
      kind: s.kind as never,
      conductorKind: s.conductorKind as never,
      conductorOrgPath: s.conductorOrgPath,
      subjectKind: s.subjectKind as never,
      decidedOn: fromDbDate(s.decidedOn),
      concludedOn: fromDbDateOrNull(s.concludedOn),
      inspectionId: became.has(s.id) ? "linked" : null,
      signsOfViolation: s.signsOfViolation === true,
    })),
    disciplines: decisions.map((d) => ({
      subjectKind: d.subjectKind as never,
      subjectOrgPath: d.subjectOrgPath,
      form: d.status === "annulled" ? null : (d.form as never),
      decidedOn: fromDbDate(d.decidedOn),
      effectiveOn: fromDbDate(d.effectiveOn),
      effectStatus: d.effectStatus as never,
    })),
    petitions: [],
    watch: [],
    appeals: appeals.map((a) => ({ subjectOrgPath: a.subjectOrgPath, receivedOn: fromDbDate(a.lodgedOn), dueOn: fromDbDate(a.decideDeadlineOn), decidedOn: fromDbDateOrNull(a.decidedOn) })),
  };
}

describe("inspection.report.annual", () => {
  it("agrees with the domain's reference for every subtree and year", async () => {
    const data = await referenceData();
    const api = h.client(CENTRAL).inspection;
    for (const orgPath of ["/", TREE.p1, TREE.g1, TREE.c1, TREE.k1, TREE.p2]) {
      for (const year of [2025, 2026, 2027]) {
        const answer = await api.report.annual.query({ orgPath, year });
        expect(answer, `${orgPath} ${year}`).toEqual(annualReport(data, orgPath, year, TODAY));
      }
    }
  });

  it("counts Hà Nội's year by hand", async () => {
    const r = await h.client(as("provincial_board", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p1, year: 2026 });
    expect(r.inspections.total).toEqual({ organizations: 1, members: 2 });
    expect(r.inspections.byKind.signs_of_violation).toEqual({ organizations: 1, members: 1 });
    expect(r.inspections.byConductor.grassroots_committee).toEqual({ organizations: 0, members: 1 });
    expect(r.supervisions.total).toEqual({ organizations: 1, members: 1 });
    expect(r.supervisions.becameInspections).toBe(1);
    expect(r.program).toEqual({ items: 2, completed: 1, percent: 50 });
    expect(r.discipline.members).toEqual({ total: 2, byForm: { reprimand: 0, warning: 1, dismissal: 0, expulsion: 1 } });
    // Due soon: the planned end of 25/11; overdue: the one of 01/10; the appeal is due months later.
    expect(r.deadlines).toEqual({ dueWithin5WorkingDays: 1, overdue: 1 });
    const last = await h.client(as("provincial_board", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p1, year: 2025 });
    expect([last.inspections.total.organizations, last.inspections.concluded, last.inspections.withViolation]).toEqual([1, 1, 1]);
  });

  it("refuses another province's report and a viewer's", async () => {
    expect((await failure(h.client(as("provincial_board", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p2, year: 2026 }))).code).toBe("FORBIDDEN");
    expect((await failure(h.client(as("viewer", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p1, year: 2026 }))).code).toBe("FORBIDDEN");
  });
});
