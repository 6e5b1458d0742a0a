// `inspection.report.annual`: the year's figures of a subtree, as SQL aggregations (definitions:
// docs/inspection.md, "Figures"). Inspections and supervisions count by the conductor's
// organization (what the bodies of the subtree did); discipline counts by the subject's organization
// (who in the subtree was disciplined); programs by their owner. Counts only: no case leaves here.
import { CONDUCTOR_KINDS, INSPECTION_KINDS, MEMBER_DISCIPLINE_FORMS, ORG_DISCIPLINE_FORMS, SUPERVISION_KINDS, type AnnualReport, type SubjectCounts } from "@orgboard/contract-inspection";
import { endOfYear, minDate, startOfYear } from "@orgboard/locale-vi";
import { addWorkingDays, completionPercent, DUE_SOON_WORKING_DAYS, VIETNAM_CALENDAR, type WorkCalendar } from "../domain/index.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { inSubtree } from "./paths.js";
import { petitionAndWatchFigures } from "./report-petitions.js";

type Db = Pick<PrismaClient, "$queryRaw">;

interface KindRow {
  kind: string;
  conductorKind: string;
  organizations: number;
  members: number;
}

const zeroCounts = (): SubjectCounts => ({ organizations: 0, members: 0 });
const countsBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, zeroCounts()])) as Record<K, SubjectCounts>;
const add = (into: SubjectCounts, row: { organizations: number; members: number }) => {
  into.organizations += row.organizations;
  into.members += row.members;
};

/** Cases decided in [from, until] by bodies of the subtree, per kind × conductor kind × subject kind. */
async function casesByKind(db: Db, table: "inspection" | "supervision", orgPath: string, from: string, to: string): Promise<KindRow[]> {
  return db.$queryRaw<KindRow[]>`
    SELECT kind, conductor_kind AS "conductorKind",
           count(*) FILTER (WHERE subject_kind = 'organization')::int AS organizations,
           count(*) FILTER (WHERE subject_kind = 'member')::int AS members
      FROM ${Prisma.raw(table)}
     WHERE ${inSubtree("conductor_org_path", orgPath)} AND decided_on BETWEEN ${from}::date AND ${to}::date
     GROUP BY kind, conductor_kind`;
}

function fold<K extends string>(rows: KindRow[], kinds: readonly K[]) {
  const total = zeroCounts();
  const byKind = countsBy(kinds);
  const byConductor = countsBy(CONDUCTOR_KINDS);
  for (const r of rows) {
    add(total, r);
    if (r.kind in byKind) add(byKind[r.kind as K], r);
    if (r.conductorKind in byConductor) add(byConductor[r.conductorKind as keyof typeof byConductor], r);
  }
  return { total, byKind, byConductor };
}

export interface AnnualReportOptions {
  orgPath: string;
  year: number;
  /** The report's day (today in Vietnam): states are read on min(end of year, asOf), deadlines on asOf. */
  asOf: string;
  /** Working days of the deadlines' figure (default: Vietnam's official calendar). */
  calendar?: WorkCalendar;
}

/**
 * The figures, with the conventions of the domain's reference (domain/report.ts `annualReport`, tested
 * against this on the same data): in the year = from 1 January to min(31 December, asOf).
 */
export async function buildAnnualReport(db: Db, opts: AnnualReportOptions): Promise<AnnualReport> {
  const { orgPath, year, asOf } = opts;
  const from = startOfYear(year);
  const until = minDate(endOfYear(year), asOf);
  const soon = addWorkingDays(asOf, DUE_SOON_WORKING_DAYS, opts.calendar ?? VIETNAM_CALENDAR);

  const [inspectionRows, supervisionRows, programRows, inspectionOutcome, becameRows, disciplineRows, deadlineRows, petitionsAndWatch] = await Promise.all([
    casesByKind(db, "inspection", orgPath, from, until),
    casesByKind(db, "supervision", orgPath, from, until),
    db.$queryRaw<{ items: number; completed: number }[]>`
      SELECT count(*)::int AS items, count(*) FILTER (WHERE i.completed_on <= ${until}::date)::int AS completed
        FROM program p JOIN program_item i ON i.program_id = p.id
       WHERE ${inSubtree("p.owner_org_path", orgPath)} AND p.year = ${year}`,
    // Work finished in the year, whenever decided.
    db.$queryRaw<{ concluded: number; withViolation: number }[]>`
      SELECT count(*)::int AS concluded, count(*) FILTER (WHERE violation)::int AS "withViolation"
        FROM inspection
       WHERE ${inSubtree("conductor_org_path", orgPath)} AND concluded_on BETWEEN ${from}::date AND ${until}::date`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM supervision
       WHERE ${inSubtree("conductor_org_path", orgPath)} AND concluded_on BETWEEN ${from}::date AND ${until}::date AND signs_of_violation`,
    db.$queryRaw<{ subjectKind: string; form: string; effectStatus: string; n: number }[]>`
      SELECT subject_kind AS "subjectKind", form, effect_status AS "effectStatus", count(*)::int AS n
        FROM discipline_decision
       WHERE ${inSubtree("subject_org_path", orgPath)} AND effective_on BETWEEN ${from}::date AND ${until}::date AND status <> 'annulled'
       GROUP BY subject_kind, form, effect_status`,
    // Deadlines open on asOf: inspections' planned end while not concluded, appeals not yet decided,
    // handled petitions not yet settled (app/report-petitions.ts has the petitions' other figures). The
    // inspections in two branches, not one OR, so that each reads its own small index (bench/report.bench.ts):
    // the open cases (partial index inspection_open_idx) and those concluded after asOf (none when asOf is today).
    db.$queryRaw<{ due: number; overdue: number }[]>`
      SELECT count(*) FILTER (WHERE d BETWEEN ${asOf}::date AND ${soon}::date)::int AS due,
             count(*) FILTER (WHERE d < ${asOf}::date)::int AS overdue
        FROM (SELECT planned_end_on AS d FROM inspection
               WHERE ${inSubtree("conductor_org_path", orgPath)} AND concluded_on IS NULL AND planned_end_on IS NOT NULL AND decided_on <= ${asOf}::date
              UNION ALL
              SELECT planned_end_on FROM inspection
               WHERE ${inSubtree("conductor_org_path", orgPath)} AND concluded_on > ${asOf}::date AND planned_end_on IS NOT NULL AND decided_on <= ${asOf}::date
              UNION ALL
              SELECT decide_deadline_on FROM appeal
               WHERE ${inSubtree("subject_org_path", orgPath)} AND lodged_on <= ${asOf}::date
                 AND (decided_on IS NULL OR decided_on > ${asOf}::date)
              UNION ALL
              -- handled petitions received and not settled on asOf, by the settling body
              SELECT due_on FROM petition
               WHERE ${inSubtree("handler_org_path", orgPath)} AND status <> 'not_handled' AND due_on IS NOT NULL
                 AND received_on <= ${asOf}::date AND (settled_on IS NULL OR settled_on > ${asOf}::date)) open_deadlines`,
    petitionAndWatchFigures(db, orgPath, from, endOfYear(year), asOf),
  ]);

  const inspections = fold(inspectionRows, INSPECTION_KINDS);
  const supervisions = fold(supervisionRows, SUPERVISION_KINDS);
  const program = programRows[0] ?? { items: 0, completed: 0 };

  const orgByForm = Object.fromEntries(ORG_DISCIPLINE_FORMS.map((f) => [f, 0])) as Record<(typeof ORG_DISCIPLINE_FORMS)[number], number>;
  const memberByForm = Object.fromEntries(MEMBER_DISCIPLINE_FORMS.map((f) => [f, 0])) as Record<(typeof MEMBER_DISCIPLINE_FORMS)[number], number>;
  let orgTotal = 0;
  let memberTotal = 0;
  let effectsRefused = 0;
  for (const r of disciplineRows) {
    if (r.effectStatus === "refused") effectsRefused += r.n;
    if (r.subjectKind === "organization" && r.form in orgByForm) {
      orgByForm[r.form as keyof typeof orgByForm] += r.n;
      orgTotal += r.n;
    } else if (r.subjectKind === "member" && r.form in memberByForm) {
      memberByForm[r.form as keyof typeof memberByForm] += r.n;
      memberTotal += r.n;
    }
  }

  return {
    orgPath,
    year,
    program: { items: program.items, completed: program.completed, percent: completionPercent(program.completed, program.items) },
    inspections: { ...inspections, concluded: inspectionOutcome[0]?.concluded ?? 0, withViolation: inspectionOutcome[0]?.withViolation ?? 0 },
    supervisions: { ...supervisions, becameInspections: becameRows[0]?.n ?? 0 },
    discipline: { organizations: { total: orgTotal, byForm: orgByForm }, members: { total: memberTotal, byForm: memberByForm }, effectsRefused },
    ...petitionsAndWatch,
    deadlines: { dueWithin5WorkingDays: deadlineRows[0]?.due ?? 0, overdue: deadlineRows[0]?.overdue ?? 0 },
  };
}
