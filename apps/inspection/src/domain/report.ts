// The annual inspection report of a subtree as a pure reference over plain records: the SQL report is
// tested against annualReport() on the same data. Same output shape as the contract's
// annualReportOutputSchema. Every figure's definition, with the quotes it answers: docs/inspection.md,
// "Figures". Conventions:
// - scope: a record is in the subtree of P when the path named per record kind starts with P (0001);
// - "in year Y": Y-01-01 ≤ d ≤ Y-12-31 for the date named per record kind;
// - "as of": states (concluded, still watched, late) are read at the end of Y, or on `asOf` if earlier;
//   `deadlines` are read on `asOf` (the report's day).
import { endOfYear, minDate, startOfYear, type IsoDate } from "@orgboard/locale-vi";
import type { AnnualReport } from "@orgboard/contract-inspection";
import { VIETNAM_CALENDAR, type WorkCalendar } from "./holidays.js";
import { isWithin } from "./org-path.js";
import { DUE_SOON_WORKING_DAYS, countDeadlines, type Deadline } from "./petitions.js";
import { programCompletion } from "./program.js";
import {
  CONDUCTOR_KINDS,
  INSPECTION_KINDS,
  MEMBER_DISCIPLINE_FORMS,
  ORG_DISCIPLINE_FORMS,
  SUPERVISION_KINDS,
  type CaseStatus,
  type ConductorKind,
  type DisciplineForm,
  type EffectStatus,
  type InspectionKind,
  type PetitionKind,
  type PetitionStatus,
  type SubjectKind,
  type SupervisionKind,
} from "./vocabulary.js";
import { watchListFigures, type WatchRecord } from "./watch-list.js";

/** A planned item of a program; in scope by the owning body's organization. */
export interface ProgramItemRecord {
  ownerOrgPath: string;
  year: number;
  completedOn: IsoDate | null;
}

/** An inspection; in scope by the conductor's organization, in the year by `decidedOn`. */
export interface InspectionRecord {
  kind: InspectionKind;
  conductorKind: ConductorKind;
  conductorOrgPath: string;
  subjectKind: SubjectKind;
  status: CaseStatus;
  decidedOn: IsoDate;
  concludedOn: IsoDate | null;
  /** null until concluded */
  violation: boolean | null;
  plannedEndOn: IsoDate | null;
}

/** A supervision; in scope by the conductor's organization, in the year by `decidedOn`. */
export interface SupervisionRecord {
  kind: SupervisionKind;
  conductorKind: ConductorKind;
  conductorOrgPath: string;
  subjectKind: SubjectKind;
  decidedOn: IsoDate;
  concludedOn: IsoDate | null;
  /** the inspection it became (signs of violation), null if none */
  inspectionId: string | null;
  /** concluded with signs of violation (counts as becoming an inspection even before it is opened) */
  signsOfViolation?: boolean;
}

/**
 * A discipline decision; in scope by the SUBJECT's organization (a member's organization when the case
 * was opened — what membership's report counts removals by), in the year by `effectiveOn`.
 */
export interface DisciplineRecord {
  subjectKind: SubjectKind;
  subjectOrgPath: string;
  /** the form in force (after any appeal); null when annulled: not counted */
  form: DisciplineForm | null;
  decidedOn: IsoDate;
  /** null until it takes effect (not counted before) */
  effectiveOn: IsoDate | null;
  effectStatus: EffectStatus;
}

/** A complaint or denunciation; in scope by the HANDLING body's organization, in the year by `receivedOn`. */
export interface PetitionRecord {
  kind: PetitionKind;
  handlerOrgPath: string;
  status: PetitionStatus;
  receivedOn: IsoDate;
  /** null when not handled */
  dueOn: IsoDate | null;
  settledOn: IsoDate | null;
}

/** An appeal (khiếu nại kỷ luật) kept apart from petitions; only its deadline counts (in scope by the subject's organization). */
export interface AppealRecord {
  subjectOrgPath: string;
  receivedOn: IsoDate;
  /** the settlement's due day */
  dueOn: IsoDate;
  /** the day it was settled, null while open */
  decidedOn: IsoDate | null;
}

export interface ReportData {
  programItems: readonly ProgramItemRecord[];
  inspections: readonly InspectionRecord[];
  supervisions: readonly SupervisionRecord[];
  disciplines: readonly DisciplineRecord[];
  petitions: readonly PetitionRecord[];
  watch: readonly WatchRecord[];
  appeals?: readonly AppealRecord[];
}

const inYear = (d: IsoDate | null, year: number): d is IsoDate => d !== null && d >= startOfYear(year) && d <= endOfYear(year);

type Counts = { organizations: number; members: number };
const zero = (): Counts => ({ organizations: 0, members: 0 });
const byKeys = <K extends string>(keys: readonly K[]): Record<K, Counts> => Object.fromEntries(keys.map((k) => [k, zero()])) as Record<K, Counts>;
const add = (c: Counts, kind: SubjectKind) => (kind === "member" ? c.members++ : c.organizations++);

/**
 * The year's figures of the subtree `orgPath`, as of `asOf` (default: the year's last day; pass today for
 * the current year). `calendar` counts the working days of `deadlines`.
 */
export function annualReport(data: ReportData, orgPath: string, year: number, asOf: IsoDate = endOfYear(year), calendar: WorkCalendar = VIETNAM_CALENDAR): AnnualReport {
  return figures(data, (path) => isWithin(path, orgPath), orgPath, year, asOf, calendar);
}

/**
 * The same figures for the bodies AT `orgPath` only (its committee, standing committee and commission;
 * records whose path equals `orgPath`): what a year-end report says the level itself did ("the
 * commission inspected 15 organizations and 3 members"), beside the subtree's totals. Not part of the
 * contract's output; annualReport(P) = levelReport(P) + Σ annualReport(child) for every count.
 */
export function levelReport(data: ReportData, orgPath: string, year: number, asOf: IsoDate = endOfYear(year), calendar: WorkCalendar = VIETNAM_CALENDAR): AnnualReport {
  return figures(data, (path) => path === orgPath, orgPath, year, asOf, calendar);
}

function figures(data: ReportData, inScope: (path: string) => boolean, orgPath: string, year: number, asOf: IsoDate, calendar: WorkCalendar): AnnualReport {
  const until = minDate(endOfYear(year), asOf);

  const items = data.programItems.filter((i) => i.year === year && inScope(i.ownerOrgPath));
  const program = programCompletion(items, year, until);

  const inspections = {
    total: zero(),
    byKind: byKeys(INSPECTION_KINDS),
    byConductor: byKeys(CONDUCTOR_KINDS),
    concluded: 0,
    withViolation: 0,
  };
  const deadlines: Deadline[] = [];
  for (const i of data.inspections) {
    if (!inScope(i.conductorOrgPath)) continue;
    if (i.plannedEndOn !== null && i.decidedOn <= asOf && (i.concludedOn === null || i.concludedOn > asOf)) deadlines.push({ dueOn: i.plannedEndOn, closedOn: null });
    // concluded in the year, whenever decided (work finished in Y)
    if (inYear(i.concludedOn, year) && i.concludedOn <= until) {
      inspections.concluded++;
      if (i.violation === true) inspections.withViolation++;
    }
    if (!inYear(i.decidedOn, year) || i.decidedOn > until) continue;
    add(inspections.total, i.subjectKind);
    add(inspections.byKind[i.kind], i.subjectKind);
    add(inspections.byConductor[i.conductorKind], i.subjectKind);
  }

  const supervisions = { total: zero(), byKind: byKeys(SUPERVISION_KINDS), byConductor: byKeys(CONDUCTOR_KINDS), becameInspections: 0 };
  for (const s of data.supervisions) {
    if (!inScope(s.conductorOrgPath)) continue;
    // concluded in the year with signs of violation (the finding is the conclusion's)
    if (inYear(s.concludedOn, year) && s.concludedOn <= until && (s.signsOfViolation === true || s.inspectionId !== null)) supervisions.becameInspections++;
    if (!inYear(s.decidedOn, year) || s.decidedOn > until) continue;
    add(supervisions.total, s.subjectKind);
    add(supervisions.byKind[s.kind], s.subjectKind);
    add(supervisions.byConductor[s.conductorKind], s.subjectKind);
  }

  const orgForms = Object.fromEntries(ORG_DISCIPLINE_FORMS.map((f) => [f, 0])) as Record<(typeof ORG_DISCIPLINE_FORMS)[number], number>;
  const memberForms = Object.fromEntries(MEMBER_DISCIPLINE_FORMS.map((f) => [f, 0])) as Record<(typeof MEMBER_DISCIPLINE_FORMS)[number], number>;
  let orgTotal = 0;
  let memberTotal = 0;
  let effectsRefused = 0;
  for (const d of data.disciplines) {
    if (d.form === null || !inScope(d.subjectOrgPath) || !inYear(d.effectiveOn, year) || d.effectiveOn > until) continue;
    if (d.subjectKind === "organization" && d.form in orgForms) {
      orgForms[d.form as keyof typeof orgForms]++;
      orgTotal++;
    } else if (d.subjectKind === "member" && d.form in memberForms) {
      memberForms[d.form as keyof typeof memberForms]++;
      memberTotal++;
    }
    if (d.effectStatus === "refused") effectsRefused++;
  }

  const petitionFigures = (kind: PetitionKind) => {
    const f = { received: 0, notHandled: 0, settled: 0, late: 0 };
    for (const p of data.petitions) {
      if (p.kind !== kind || !inScope(p.handlerOrgPath)) continue;
      if (inYear(p.receivedOn, year) && p.receivedOn <= until) {
        f.received++;
        if (p.status === "not_handled") f.notHandled++;
      }
      if (p.status === "not_handled" || p.dueOn === null) continue;
      const settledBy = p.settledOn !== null && p.settledOn <= until ? p.settledOn : null;
      if (inYear(settledBy, year)) {
        f.settled++;
        if (settledBy > p.dueOn) f.late++;
      } else if (settledBy === null && p.receivedOn <= until && p.dueOn < until && p.dueOn >= startOfYear(year)) {
        f.late++;
      }
    }
    return f;
  };
  for (const p of data.petitions) {
    if (p.status === "not_handled" || p.dueOn === null || !inScope(p.handlerOrgPath) || p.receivedOn > asOf) continue;
    deadlines.push({ dueOn: p.dueOn, closedOn: p.settledOn });
  }
  for (const a of data.appeals ?? []) {
    if (!inScope(a.subjectOrgPath) || a.receivedOn > asOf) continue;
    deadlines.push({ dueOn: a.dueOn, closedOn: a.decidedOn });
  }

  const watch = watchListFigures(data.watch.filter((w) => inScope(w.orgPath)), orgPath, year, until);
  const due = countDeadlines(deadlines, asOf, DUE_SOON_WORKING_DAYS, calendar);

  return {
    orgPath,
    year,
    program,
    inspections,
    supervisions,
    discipline: {
      organizations: { total: orgTotal, byForm: orgForms },
      members: { total: memberTotal, byForm: memberForms },
      effectsRefused,
    },
    petitions: { complaints: petitionFigures("complaint"), denunciations: petitionFigures("denunciation") },
    watchList: { added: watch.added, closed: watch.closed, stillWatched: watch.stillWatched },
    deadlines: { dueWithin5WorkingDays: due.dueSoon, overdue: due.overdue },
  };
}
