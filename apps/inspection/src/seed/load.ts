// Loads the synthetic inspection dataset (generate.ts) with COPY, one table per pass over the
// organizations: each pass regenerates the same plans from the same seeds, so memory holds one cell's
// people at a time (a national dataset is millions of cases). Discipline decisions and appeals, a few
// hundred thousand at national scale, are kept from the inspections' pass and written after it.
// No outbox events and no audit records are written: seeded history is not news to the streams' consumers
// (membership already holds the expulsions it describes), as membership's seed writes none either.
import type { CopyRow } from "@orgboard/db";
import { InspectionPlanner, OrgIndex, SEED_ACTOR, type AppealRow, type DisciplineRow, type InspectionRow, type SeedSubjects, type SupervisionRow } from "./generate.js";

/** What the loader needs of a database: @orgboard/db's Database (`db.shared`) is one. */
export interface SeedDatabase {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  copyFrom(table: string, columns: readonly string[], rows: Iterable<CopyRow> | AsyncIterable<CopyRow>): Promise<number>;
}

export interface InspectionSeedOptions {
  /** Delete every inspection row first (otherwise a database holding any refuses). */
  reset?: boolean;
  /** First year of the data (default five years before the subjects' asOf year). */
  fromYear?: number;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface InspectionSeedResult {
  asOf: string;
  fromYear: number;
  rows: Record<string, number>;
  milliseconds: number;
}

export class InspectionSeedError extends Error {
  override name = "InspectionSeedError";
}

const DATA_TABLES = ["appeal", "discipline_decision", "inspection", "supervision", "program_item", "program", "outbox_event", "audit_record"] as const;

export async function isInspectionDatabaseEmpty(db: SeedDatabase): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM (SELECT 1 FROM program LIMIT 1) a) + (SELECT count(*) FROM (SELECT 1 FROM inspection LIMIT 1) b)
           + (SELECT count(*) FROM (SELECT 1 FROM supervision LIMIT 1) c) + (SELECT count(*) FROM (SELECT 1 FROM discipline_decision LIMIT 1) d))::int AS n`,
  );
  return rows[0]?.n === 0;
}

const at = (iso: string) => `${iso}T01:00:00.000Z`;

const INSPECTION_COLUMNS = [
  "id", "kind", "status", "conductor_kind", "conductor_org_path", "subject_kind", "member_id", "org_id", "subject_name", "subject_org_path",
  "subject_status", "decision_number", "decided_on", "content", "planned_end_on", "started_on", "concluded_on", "violation", "degree",
  "discipline_proposed", "findings", "supervision_id", "created_by", "created_at", "updated_at",
] as const;
const inspectionRow = (r: InspectionRow): CopyRow => [
  r.id, r.kind, r.status, r.conductorKind, r.conductorOrgPath, r.subjectKind, r.memberId, r.orgId, r.subjectName, r.subjectOrgPath,
  r.subjectStatus, r.decisionNumber, r.decidedOn, r.content, r.plannedEndOn, r.startedOn, r.concludedOn, r.violation, r.degree,
  r.disciplineProposed, r.findings, r.supervisionId, SEED_ACTOR, at(r.decidedOn), at(r.concludedOn ?? r.startedOn ?? r.decidedOn),
];
const SUPERVISION_COLUMNS = [
  "id", "kind", "status", "conductor_kind", "conductor_org_path", "subject_kind", "member_id", "org_id", "subject_name", "subject_org_path",
  "subject_status", "decision_number", "decided_on", "content", "concluded_on", "signs_of_violation", "findings", "created_by", "created_at", "updated_at",
] as const;
const supervisionRow = (r: SupervisionRow): CopyRow => [
  r.id, r.kind, r.status, r.conductorKind, r.conductorOrgPath, r.subjectKind, r.memberId, r.orgId, r.subjectName, r.subjectOrgPath,
  r.subjectStatus, r.decisionNumber, r.decidedOn, r.content, r.concludedOn, r.signsOfViolation, r.findings, SEED_ACTOR, at(r.decidedOn), at(r.concludedOn ?? r.decidedOn),
];
const DISCIPLINE_COLUMNS = [
  "id", "subject_kind", "member_id", "org_id", "subject_name", "subject_org_path", "subject_status", "form", "decision_number", "decided_on",
  "effective_on", "announced_on", "degree", "violated_on", "decided_by_kind", "decided_by_org_path", "reason", "inspection_id", "status", "effect_status",
  "effect_updated_at", "created_by", "created_at", "updated_at",
] as const;
const disciplineRow = (r: DisciplineRow): CopyRow => [
  r.id, r.subjectKind, r.memberId, r.orgId, r.subjectName, r.subjectOrgPath, r.subjectStatus, r.form, r.decisionNumber, r.decidedOn,
  r.effectiveOn, r.announcedOn, r.degree, r.violatedOn, r.decidedByKind, r.decidedByOrgPath, r.reason, r.inspectionId, r.status, r.effectStatus,
  r.effectStatus === "applied" ? at(r.effectiveOn) : null, SEED_ACTOR, at(r.decidedOn), at(r.decidedOn),
];
const APPEAL_COLUMNS = [
  "id", "decision_id", "subject_org_path", "lodged_on", "lodge_deadline_on", "decide_deadline_on", "content", "decided_on", "outcome",
  "decided_by_org_path", "decision_number", "created_by", "created_at", "updated_at",
] as const;
const appealRow = (r: AppealRow): CopyRow => [
  r.id, r.decisionId, r.subjectOrgPath, r.lodgedOn, r.lodgeDeadlineOn, r.decideDeadlineOn, r.content, r.decidedOn, r.outcome,
  r.decidedByOrgPath, r.decisionNumber, SEED_ACTOR, at(r.lodgedOn), at(r.decidedOn ?? r.lodgedOn),
];

/** Seeds inspection's database with cases about `subjects` (membership's seeded organizations and people). */
export async function seedInspection(db: SeedDatabase, subjects: SeedSubjects, options: InspectionSeedOptions = {}): Promise<InspectionSeedResult> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  if (options.reset) await db.query(`TRUNCATE ${DATA_TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
  else if (!(await isInspectionDatabaseEmpty(db))) throw new InspectionSeedError("the inspection database already holds data; use reset to replace it");

  // Bulk mode: indexes other than primary keys are dropped for the load and rebuilt from their own
  // definitions afterwards (much faster than maintaining them row by row at national scale).
  const dropped = await dropSecondaryIndexes(db);
  try {
    return await load(db, subjects, options, started, progress);
  } finally {
    progress({ phase: "indexes", done: 0, total: dropped.length });
    for (const def of dropped) await db.query(def);
    // VACUUM sets the visibility map, so the report's covering indexes are read index-only.
    progress({ phase: "analyze", done: 0, total: 1 });
    await db.query("VACUUM ANALYZE");
    progress({ phase: "done", done: 1, total: 1 });
  }
}

const SEEDED_TABLES = ["program", "program_item", "inspection", "supervision", "discipline_decision", "appeal"];

/** Drops the seeded tables' indexes that back no constraint (primary keys stay); returns their definitions. */
async function dropSecondaryIndexes(db: SeedDatabase): Promise<string[]> {
  const { rows } = await db.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [SEEDED_TABLES],
  );
  for (const r of rows) await db.query(`DROP INDEX "${r.name.replaceAll('"', '""')}"`);
  return rows.map((r) => r.def);
}

async function load(
  db: SeedDatabase,
  subjects: SeedSubjects,
  options: InspectionSeedOptions,
  started: number,
  progress: NonNullable<InspectionSeedOptions["onProgress"]>,
): Promise<InspectionSeedResult> {
  const index = new OrgIndex(subjects.orgs);
  const planner = new InspectionPlanner(subjects, index, options.fromYear === undefined ? {} : { fromYear: options.fromYear });
  const rows: Record<string, number> = {};

  rows.program = await db.copyFrom("program", ["id", "year", "owner_kind", "owner_org_path", "owner_org_name", "title", "created_by", "created_at", "updated_at"], (function* () {
    for (const { program: p } of planner.programs()) yield [p.id, p.year, p.ownerKind, p.ownerOrgPath, p.ownerOrgName, p.title, SEED_ACTOR, at(p.createdAt), at(p.createdAt)];
  })());
  rows.program_item = await db.copyFrom(
    "program_item",
    ["id", "program_id", "position", "subject_kind", "member_id", "org_id", "subject_name", "subject_org_path", "subject_status", "content", "quarter", "completed_on", "completed_by"],
    (function* () {
      for (const { items } of planner.programs()) {
        for (const i of items) yield [i.id, i.programId, i.position, i.subjectKind, i.memberId, i.orgId, i.subjectName, i.subjectOrgPath, i.subjectStatus, i.content, i.quarter, i.completedOn, i.completedOn ? SEED_ACTOR : null];
      }
    })(),
  );

  const disciplines: DisciplineRow[] = [];
  const appeals: AppealRow[] = [];
  const total = subjects.orgs.length;
  /** One pass over every organization in id order (plans and decision numbers replay identically). */
  function* pass(phase: string, emit: (plan: ReturnType<InspectionPlanner["plan"]>) => Iterable<CopyRow>): Generator<CopyRow> {
    planner.reset();
    let done = 0;
    for (const org of subjects.orgs) {
      const people = org.activeMembers > 0 ? subjects.members(org) : [];
      yield* emit(planner.plan(org, people));
      done++;
      if (done % 2000 === 0 || done === total) progress({ phase, done, total });
    }
  }
  rows.inspection = await db.copyFrom("inspection", INSPECTION_COLUMNS, pass("inspection", function* (plan) {
    disciplines.push(...plan.disciplines);
    appeals.push(...plan.appeals);
    for (const r of plan.inspections) yield inspectionRow(r);
  }));
  rows.supervision = await db.copyFrom("supervision", SUPERVISION_COLUMNS, pass("supervision", function* (plan) {
    for (const r of plan.supervisions) yield supervisionRow(r);
  }));
  rows.discipline_decision = await db.copyFrom("discipline_decision", DISCIPLINE_COLUMNS, disciplines.map(disciplineRow));
  rows.appeal = await db.copyFrom("appeal", APPEAL_COLUMNS, appeals.map(appealRow));
  return { asOf: subjects.asOf, fromYear: planner.fromYear, rows, milliseconds: Date.now() - started };
}
