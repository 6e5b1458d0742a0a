import fc from "fast-check";
import { annualReportOutputSchema } from "@orgboard/contract-inspection";
import { describe, expect, it } from "vitest";
import {
  CONDUCTOR_KINDS,
  INSPECTION_KINDS,
  annualReport,
  levelReport,
  type DisciplineRecord,
  type InspectionRecord,
  type PetitionRecord,
  type ProgramItemRecord,
  type ReportData,
  type SupervisionRecord,
  type WatchRecord,
} from "../../../src/domain/index.js";

// Seed 002_ (Đảng bộ Khối các cơ quan tỉnh Bình Định, 2023) rebuilt as records: K is the bloc's committee,
// G1…G10 its grassroots committees, each with cells. Noise around it: other years, a neighbouring path
// that shares a prefix, decisions not yet effective or annulled.
const K = "/52/52-K/";
const G = (i: number) => `${K}g${i}/`;
const CELL = (i: number, j: number) => `${G(i)}c${j}/`;
const times = <T>(n: number, f: (k: number) => T): T[] => Array.from({ length: n }, (_, k) => f(k));

const insp = (over: Partial<InspectionRecord>): InspectionRecord => ({
  kind: "signs_of_violation",
  conductorKind: "commission",
  conductorOrgPath: K,
  subjectKind: "organization",
  status: "concluded",
  decidedOn: "2023-04-01",
  concludedOn: "2023-05-01",
  violation: false,
  plannedEndOn: null,
  ...over,
});
const sup = (over: Partial<SupervisionRecord>): SupervisionRecord => ({
  kind: "thematic",
  conductorKind: "commission",
  conductorOrgPath: K,
  subjectKind: "organization",
  decidedOn: "2023-06-01",
  concludedOn: "2023-07-01",
  inspectionId: null,
  ...over,
});
const disc = (form: DisciplineRecord["form"], over: Partial<DisciplineRecord> = {}): DisciplineRecord => ({
  subjectKind: "member",
  subjectOrgPath: CELL(1, 1),
  form,
  decidedOn: "2023-08-01",
  effectiveOn: "2023-08-05",
  effectStatus: form === "expulsion" ? "applied" : "none",
  ...over,
});

const programItems: ProgramItemRecord[] = [
  ...times(17, () => ({ ownerOrgPath: K, year: 2023, completedOn: "2023-10-01" })),
  ...times(3, () => ({ ownerOrgPath: K, year: 2023, completedOn: null })),
  { ownerOrgPath: K, year: 2022, completedOn: "2022-10-01" },
];

const inspections: InspectionRecord[] = [
  // "Ủy ban Kiểm tra và các ban của Đảng ủy Khối đã kiểm tra đối với 15 tổ chức đảng và 03 đảng viên"
  ...times(15, (k) => insp({ kind: k < 10 ? "lower_level_work" : "party_finance", violation: k === 0 })),
  ...times(3, () => insp({ subjectKind: "member", violation: true })),
  // "Các đảng ủy cơ sở đã tiến hành kiểm tra 70 chi bộ"
  ...times(70, (k) => insp({ kind: "lower_level_work", conductorKind: "grassroots_committee", conductorOrgPath: G(k % 10) })),
  // "Các chi bộ đã kiểm tra đảng viên chấp hành đối với 2.610 đảng viên"
  ...times(2610, (k) => insp({ kind: "member_compliance", conductorKind: "cell", conductorOrgPath: CELL(k % 10, k % 7), subjectKind: "member" })),
  // noise: 2022, 2024, a neighbouring bloc sharing the prefix "/52/52-K"
  insp({ decidedOn: "2022-12-31" }),
  insp({ decidedOn: "2024-01-01", concludedOn: "2024-02-01" }),
  insp({ conductorOrgPath: "/52/52-KX/" }),
  // decided in 2023, still under way at the year's end, planned end passed
  insp({ status: "under_way", decidedOn: "2023-12-01", concludedOn: null, violation: null, plannedEndOn: "2023-12-20" }),
];

const supervisions: SupervisionRecord[] = [
  // "giám sát 12 tổ chức đảng và 05 đảng viên"
  ...times(12, (k) => sup({ kind: k < 4 ? "regular" : "thematic", inspectionId: k === 0 ? "i-1" : null })),
  ...times(5, () => sup({ subjectKind: "member" })),
  // "giám sát chuyên đề 49 chi bộ"
  ...times(49, (k) => sup({ conductorKind: "grassroots_committee", conductorOrgPath: G(k % 10) })),
  sup({ decidedOn: "2024-02-01", concludedOn: "2024-03-01", signsOfViolation: true }),
  sup({ decidedOn: "2022-11-01", concludedOn: "2023-01-20", signsOfViolation: true }), // decided 2022, became an inspection in 2023
];

const disciplines: DisciplineRecord[] = [
  // "thi hành kỷ luật 12 đảng viên; trong đó, kỷ luật khai trừ 01 đảng viên, cảnh cáo 02 đảng viên và khiển trách 09 đảng viên"
  disc("expulsion"),
  ...times(2, () => disc("warning")),
  ...times(9, (k) => disc("reprimand", { subjectOrgPath: CELL(k, 2) })),
  disc("reprimand", { effectiveOn: null }), // decided, not announced: not counted
  disc(null), // annulled on appeal
  disc("warning", { decidedOn: "2022-12-20", effectiveOn: "2023-01-03" }), // decided 2022, effective 2023: counts in 2023
  disc("expulsion", { effectiveOn: "2024-01-02", decidedOn: "2023-12-28" }), // counts in 2024
  disc("dissolution", { subjectKind: "organization", subjectOrgPath: CELL(3, 3), effectStatus: "refused" }),
];

const petitions: PetitionRecord[] = [
  { kind: "denunciation", handlerOrgPath: K, status: "not_handled", receivedOn: "2023-03-01", dueOn: null, settledOn: null },
  { kind: "denunciation", handlerOrgPath: K, status: "settled", receivedOn: "2023-03-01", dueOn: "2023-07-10", settledOn: "2023-07-10" },
  { kind: "denunciation", handlerOrgPath: K, status: "settled", receivedOn: "2023-03-01", dueOn: "2023-07-10", settledOn: "2023-07-11" },
  { kind: "denunciation", handlerOrgPath: K, status: "under_way", receivedOn: "2023-08-01", dueOn: "2023-12-15", settledOn: null },
  { kind: "complaint", handlerOrgPath: G(1), status: "settled", receivedOn: "2022-12-01", dueOn: "2023-01-16", settledOn: "2023-01-10" },
  { kind: "complaint", handlerOrgPath: G(1), status: "under_way", receivedOn: "2023-12-20", dueOn: "2024-02-06", settledOn: null },
];

const watch: WatchRecord[] = [...times(11, () => ({ orgPath: K, addedOn: "2023-02-01", closedOn: "2023-11-01" })), ...times(7, () => ({ orgPath: G(2), addedOn: "2023-05-01", closedOn: null }))];

const appeals = [
  { subjectOrgPath: CELL(1, 1), receivedOn: "2023-09-01", dueOn: "2023-11-24", decidedOn: "2023-11-20" },
  { subjectOrgPath: CELL(1, 1), receivedOn: "2023-12-01", dueOn: "2024-01-05", decidedOn: null },
  { subjectOrgPath: "/52/52-KX/c/", receivedOn: "2023-12-01", dueOn: "2023-12-05", decidedOn: null },
];

const data: ReportData = { programItems, inspections, supervisions, disciplines, petitions, watch, appeals };

describe("annualReport: seed 002_ (Bình Định bloc, 2023) rebuilt", () => {
  const r = annualReport(data, K, 2023);

  it("has the contract's shape", () => {
    expect(annualReportOutputSchema.parse(r)).toEqual(r);
  });

  it("'hoàn thành 17 cuộc kiểm tra, giám sát theo Chương trình'", () => {
    expect(r.program).toEqual({ items: 20, completed: 17, percent: 85 });
  });

  it("inspections: 15 + 3 by the commission, 70 cells by grassroots committees, 2,610 members by cells", () => {
    expect(r.inspections.byConductor.commission).toEqual({ organizations: 16, members: 3 }); // + the one still under way
    expect(levelReport(data, K, 2023).inspections.byConductor.commission).toEqual({ organizations: 16, members: 3 });
    expect(r.inspections.byConductor.grassroots_committee).toEqual({ organizations: 70, members: 0 });
    expect(r.inspections.byConductor.cell).toEqual({ organizations: 0, members: 2610 });
    expect(r.inspections.byKind.member_compliance).toEqual({ organizations: 0, members: 2610 });
    expect(r.inspections.total).toEqual({ organizations: 86, members: 2613 });
    // concluded in 2023 whatever the decision's year: + the one decided 31/12/2022 (concluded 01/05/2023), − the one under way
    expect(r.inspections.concluded).toBe(86 + 2613 - 1 + 1);
    expect(r.inspections.withViolation).toBe(4);
  });

  it("supervisions: 12 + 5 by the commission, 49 cells by grassroots committees", () => {
    expect(r.supervisions.byConductor.commission).toEqual({ organizations: 12, members: 5 });
    expect(r.supervisions.byConductor.grassroots_committee).toEqual({ organizations: 49, members: 0 });
    expect(r.supervisions.byKind).toEqual({ regular: { organizations: 4, members: 0 }, thematic: { organizations: 57, members: 5 } });
    expect(r.supervisions.becameInspections).toBe(2);
    expect(annualReport(data, K, 2024).supervisions.becameInspections).toBe(1);
  });

  it("discipline: 12 members (1 expelled, 2 warned, 9 reprimanded) + one warning decided in 2022 effective 2023", () => {
    expect(r.discipline.members).toEqual({ total: 13, byForm: { reprimand: 9, warning: 3, dismissal: 0, expulsion: 1 } });
    expect(r.discipline.organizations).toEqual({ total: 1, byForm: { reprimand: 0, warning: 0, dissolution: 1 } });
    expect(r.discipline.effectsRefused).toBe(1);
    expect(annualReport(data, K, 2024).discipline.members.byForm.expulsion).toBe(1);
  });

  it("petitions: received, not handled, settled, late (settled late or open past its due day at the year's end)", () => {
    expect(r.petitions.denunciations).toEqual({ received: 4, notHandled: 1, settled: 2, late: 2 });
    expect(r.petitions.complaints).toEqual({ received: 1, notHandled: 0, settled: 1, late: 0 });
  });

  it("watch list: 18 put on it, 11 closed, 7 still watched", () => {
    expect(r.watchList).toEqual({ added: 18, closed: 11, stillWatched: 7 });
  });

  it("deadlines on the report's day", () => {
    // 31/12/2023: the inspection planned to end 20/12 and the denunciation due 15/12 are overdue; the
    // complaint due 06/02/2024 is not within 5 working days
    // the appeal due 05/01/2024 is within 5 working days of 31/12/2023 (01/01 off: 02, 03, 04, 05)
    expect(r.deadlines).toEqual({ dueWithin5WorkingDays: 1, overdue: 2 });
    expect(annualReport(data, K, 2023, "2024-01-30").deadlines).toEqual({ dueWithin5WorkingDays: 1, overdue: 3 });
  });

  it("as of a day within the year: only what had happened by then", () => {
    const mid = annualReport(data, K, 2023, "2023-06-30");
    expect(mid.program.completed).toBe(0);
    expect(mid.supervisions.total).toEqual({ organizations: 61, members: 5 });
    expect(mid.discipline.members.total).toBe(1); // only the one effective 03/01
    expect(mid.watchList).toEqual({ added: 18, closed: 0, stillWatched: 18 });
  });

  it("a grassroots subtree sees its own share only", () => {
    const g1 = annualReport(data, G(1), 2023);
    expect(g1.inspections.byConductor.grassroots_committee.organizations).toBe(7);
    expect(g1.inspections.byConductor.commission).toEqual({ organizations: 0, members: 0 });
    expect(g1.program.items).toBe(0);
    expect(g1.program.percent).toBeNull();
  });

  it("the neighbouring path /52/52-KX/ is not in /52/52-K/", () => {
    expect(annualReport(data, "/52/52-KX/", 2023).inspections.total).toEqual({ organizations: 1, members: 0 });
  });
});

// Additivity over a random tree: the subtree's counts are its own level's plus its children's subtrees'.
const PATHS = ["/", "/01/", "/01/a/", "/01/a/c/", "/01/b/", "/02/", "/02/x/"] as const;
const CHILDREN: Record<string, string[]> = { "/": ["/01/", "/02/"], "/01/": ["/01/a/", "/01/b/"], "/01/a/": ["/01/a/c/"], "/02/": ["/02/x/"] };
const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2022, 6, 1) + n * 86_400_000).toISOString().slice(0, 10));
const path = fc.constantFrom(...PATHS);
const inspectionArb = fc.record({
  kind: fc.constantFrom(...INSPECTION_KINDS),
  conductorKind: fc.constantFrom(...CONDUCTOR_KINDS),
  conductorOrgPath: path,
  subjectKind: fc.constantFrom("member" as const, "organization" as const),
  status: fc.constant("concluded" as const),
  decidedOn: day,
  concludedOn: fc.option(day, { nil: null }),
  violation: fc.option(fc.boolean(), { nil: null }),
  plannedEndOn: fc.option(day, { nil: null }),
});
const disciplineArb = fc.record({
  subjectKind: fc.constant("member" as const),
  subjectOrgPath: path,
  form: fc.constantFrom("reprimand" as const, "warning" as const, "dismissal" as const, "expulsion" as const, null),
  decidedOn: day,
  effectiveOn: fc.option(day, { nil: null }),
  effectStatus: fc.constantFrom("none" as const, "applied" as const, "refused" as const),
});

function sumCounts(reports: ReturnType<typeof annualReport>[]) {
  return {
    inspections: reports.reduce((n, r) => n + r.inspections.total.members + r.inspections.total.organizations, 0),
    concluded: reports.reduce((n, r) => n + r.inspections.concluded, 0),
    members: reports.reduce((n, r) => n + r.discipline.members.total, 0),
    overdue: reports.reduce((n, r) => n + r.deadlines.overdue, 0),
  };
}

describe("property: annualReport(P) = levelReport(P) + Σ annualReport(child)", () => {
  it("for inspections, discipline and deadlines", () => {
    fc.assert(
      fc.property(fc.array(inspectionArb, { maxLength: 40 }), fc.array(disciplineArb, { maxLength: 20 }), fc.constantFrom(2022, 2023, 2024), (ins, ds, year) => {
        const d: ReportData = { programItems: [], inspections: ins, supervisions: [], disciplines: ds, petitions: [], watch: [] };
        for (const [parent, children] of Object.entries(CHILDREN)) {
          const whole = sumCounts([annualReport(d, parent, year)]);
          const parts = sumCounts([levelReport(d, parent, year), ...children.map((c) => annualReport(d, c, year))]);
          expect(parts).toEqual(whole);
        }
      }),
      { numRuns: 150 },
    );
  });
});
