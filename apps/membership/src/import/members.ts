// Bulk import of members: every row is validated before anything is written; one invalid row and nothing
// is imported. Otherwise all rows go in ONE transaction: the file streams (bounded memory) through row
// validation into a temporary staging table with COPY; the database checks (organization exists, is open
// and is a cell; duplicates in the file and against the database) are set-based SQL on that table; then
// INSERT … SELECT writes the members and their membership periods, and one audit record and one outbox
// event summarise the import. The counters (org_year_stat) follow through their statement triggers.
import { randomUUID } from "node:crypto";
import { vietnameseNameSortKey } from "@orgboard/locale-vi";
import { copyLine, type Sql } from "../db/sql.js";
import { recordImport } from "./audit.js";
import { readRecords, type FileSource } from "./read.js";
import { MEMBER_COLUMNS } from "./template.js";
import { validateMemberRecord, type RowIssue, type StagedMember } from "./validate.js";

export interface ImportOptions {
  /** principal subject (or service client id) doing the import: goes to the audit record */
  actor: string;
  requestId?: string | null;
  /** ISO date taken as "today" for the no-future-dates rules (default: the current date in Vietnam) */
  today?: string;
  /** how many rejected rows to return (all are counted); default 1000 */
  maxIssues?: number;
  /** called every few thousand rows while reading */
  onProgress?: (p: { rowsRead: number; phase: "reading" | "checking" | "writing" }) => void;
  /**
   * Only the organizations in these subtrees may receive rows (the caller's org_paths); rows for others
   * are rejected naming the column. Undefined = no restriction (CLI, service accounts).
   */
  allowedOrgPaths?: readonly string[];
}

export type ImportResult =
  | { ok: true; importId: string; imported: number; orgPath: string; eventId: string | null }
  | { ok: false; rows: number; rejectedCount: number; rejected: RowIssue[] };

export const todayInVietnam = (): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

class IssueList {
  readonly items: RowIssue[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(issue: RowIssue) {
    this.count++;
    if (this.items.length < this.max) this.items.push(issue);
  }
}

/** Rolls the transaction back without being an error for the caller. */
class Rejected extends Error {
  constructor(readonly result: ImportResult) {
    super("import rejected");
  }
}

const STAGE = `CREATE TEMP TABLE import_member_stage (
  row_no int NOT NULL, full_name text NOT NULL, birth_date date NOT NULL, gender text NOT NULL,
  ethnicity text NOT NULL, national_id text NOT NULL, org_code text NOT NULL, status text NOT NULL,
  admitted_on date NOT NULL, official_on date, party_card_number text, joined_org_on date,
  hometown text, occupation text, education text, name_sort_key text NOT NULL
) ON COMMIT DROP`;

const STAGE_COLUMNS =
  "import_member_stage (row_no, full_name, birth_date, gender, ethnicity, national_id, org_code, status, admitted_on, official_on, party_card_number, joined_org_on, hometown, occupation, education, name_sort_key)";

const stageLine = (m: StagedMember) =>
  copyLine([m.row, m.fullName, m.birthDate, m.gender, m.ethnicity, m.nationalId, m.orgCode, m.status, m.admittedOn, m.officialOn, m.partyCardNumber, m.joinedOrgOn, m.hometown, m.occupation, m.education, vietnameseNameSortKey(m.fullName)]);

export async function importMembers(db: Sql, file: FileSource, options: ImportOptions): Promise<ImportResult> {
  const today = options.today ?? todayInVietnam();
  const issues = new IssueList(options.maxIssues ?? 1000);
  const progress = options.onProgress ?? (() => undefined);
  let rowsRead = 0;
  let anyJoinedOrgOn = false;
  try {
    return await db.transaction(async (tx) => {
      await tx.exec(STAGE);
      const lines = (async function* () {
        for await (const rec of readRecords(file, MEMBER_COLUMNS)) {
          rowsRead++;
          if (rowsRead % 5000 === 0) progress({ rowsRead, phase: "reading" });
          const r = validateMemberRecord(rec.row, rec.values, today);
          if (r.ok && r.member.joinedOrgOn !== null) anyJoinedOrgOn = true;
          if (r.ok) yield stageLine(r.member);
          else for (const i of r.issues) issues.add(i);
        }
      })();
      await tx.copyFrom(STAGE_COLUMNS, lines);
      // A temporary table has no statistics until analysed: without them the checks plan poorly.
      await tx.exec("ANALYZE import_member_stage");
      progress({ rowsRead, phase: "checking" });
      if (rowsRead === 0) throw new Rejected({ ok: false, rows: 0, rejectedCount: 1, rejected: [{ row: 2, column: "row", reason: "the file has no data rows" }] });

      for (const i of await databaseIssues(tx, today, options.allowedOrgPaths)) issues.add(i);
      if (issues.count > 0) {
        issues.items.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
        throw new Rejected({ ok: false, rows: rowsRead, rejectedCount: issues.count, rejected: issues.items });
      }

      progress({ rowsRead, phase: "writing" });
      const importId = randomUUID();
      const { rows } = await tx.query<{ imported: number; org_path: string | null }>(insertSql(anyJoinedOrgOn));
      const imported = rows[0]?.imported ?? 0;
      const { rows: scope } = await tx.query<{ path: string }>(
        `SELECT DISTINCT o.path FROM party_organization o JOIN (SELECT DISTINCT org_code FROM import_member_stage) s ON s.org_code = o.code`,
      );
      const { orgPath, eventId } = await recordImport(tx, {
        importId,
        actor: options.actor,
        requestId: options.requestId ?? null,
        entity: "Member",
        action: "membership.members.import",
        eventType: "membership.members.imported",
        paths: scope.map((r) => r.path),
        summary: { imported, fileName: file.name ?? file.path ?? null, organizations: scope.length },
      });
      return { ok: true as const, importId, imported, orgPath, eventId };
    });
  } catch (err) {
    if (err instanceof Rejected) return err.result;
    throw err;
  }
}

// One statement: members, then their first membership period from the members just inserted (joined to
// the staging rows only when some row gave its own "joined the cell on" date).
const insertSql = (withJoinedDates: boolean) => `
  WITH ins AS (
    INSERT INTO member (full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, status,
                        admitted_on, official_on, party_card_number, hometown, occupation, education, name_sort_key)
    SELECT s.full_name, s.birth_date, s.gender, s.ethnicity, s.national_id, o.id, o.path, s.status,
           s.admitted_on, s.official_on, s.party_card_number, s.hometown, s.occupation, s.education, s.name_sort_key
    FROM import_member_stage s JOIN party_organization o ON o.code = s.org_code
    ORDER BY s.row_no
    RETURNING id, national_id, org_id, org_path, admitted_on
  ), periods AS (
    INSERT INTO membership_period (member_id, org_id, org_path, started_on, start_reason)
    ${
      withJoinedDates
        ? `SELECT ins.id, ins.org_id, ins.org_path, coalesce(j.joined_org_on, ins.admitted_on), 'import'
    FROM ins LEFT JOIN (SELECT national_id, joined_org_on FROM import_member_stage WHERE joined_org_on IS NOT NULL) j
      ON j.national_id = ins.national_id`
        : `SELECT ins.id, ins.org_id, ins.org_path, ins.admitted_on, 'import' FROM ins`
    }
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM periods)::int AS imported`;

/** The checks that need the database, as rejected rows. */
async function databaseIssues(tx: Sql, today: string, allowed: readonly string[] | undefined): Promise<RowIssue[]> {
  const { rows } = await tx.query<RowIssue>(
    `
    WITH org AS (
      SELECT s.row_no, o.id, o.kind, o.path, o.opened_on, o.closed_on, s.org_code, s.joined_org_on, s.admitted_on
      FROM import_member_stage s LEFT JOIN party_organization o ON o.code = s.org_code
    ), dup AS (
      SELECT row_no, national_id, party_card_number,
             min(row_no) OVER (PARTITION BY national_id) AS first_id_row,
             CASE WHEN party_card_number IS NULL THEN NULL ELSE min(row_no) OVER (PARTITION BY party_card_number) END AS first_card_row
      FROM import_member_stage
    )
    SELECT row_no AS row, 'orgCode' AS "column", 'no organization has the code "' || org_code || '"' AS reason FROM org WHERE id IS NULL
    UNION ALL
    SELECT row_no, 'orgCode', 'organization "' || org_code || '" was closed on ' || to_char(closed_on, 'DD/MM/YYYY')
      FROM org WHERE closed_on IS NOT NULL AND closed_on <= $1::date
    UNION ALL
    SELECT row_no, 'orgCode', 'organization "' || org_code || '" is not a cell (chi bộ): members belong to a grassroots or subordinate cell'
      FROM org WHERE id IS NOT NULL AND kind NOT IN ('grassroots_cell', 'subordinate_cell')
    UNION ALL
    SELECT row_no, 'joinedOrgOn', 'is before organization "' || org_code || '" was founded (' || to_char(opened_on, 'DD/MM/YYYY') || ')'
      FROM org WHERE id IS NOT NULL AND coalesce(joined_org_on, admitted_on) < opened_on AND joined_org_on IS NOT NULL
    UNION ALL
    SELECT row_no, 'nationalId', 'national ID ' || national_id || ' also appears in row ' || first_id_row FROM dup WHERE row_no <> first_id_row
    UNION ALL
    SELECT row_no, 'partyCardNumber', 'party card number ' || party_card_number || ' also appears in row ' || first_card_row
      FROM dup WHERE first_card_row IS NOT NULL AND row_no <> first_card_row
    UNION ALL
    SELECT s.row_no, 'nationalId', 'a member with national ID ' || s.national_id || ' already exists'
      FROM import_member_stage s JOIN member m ON m.national_id = s.national_id
    UNION ALL
    SELECT s.row_no, 'partyCardNumber', 'party card number ' || s.party_card_number || ' is already used by another member'
      FROM import_member_stage s JOIN member m ON m.party_card_number = s.party_card_number
    `,
    [today],
  );
  const out = rows.map((r) => ({ row: Number(r.row), column: r.column, reason: r.reason }));
  if (allowed) {
    const { rows: outside } = await tx.query<{ row: number; org_code: string }>(
      `SELECT s.row_no AS row, s.org_code FROM import_member_stage s JOIN party_organization o ON o.code = s.org_code
       WHERE NOT (o.path LIKE ANY ($1::text[]))`,
      [allowed.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)],
    );
    for (const r of outside) out.push({ row: Number(r.row), column: "orgCode", reason: `organization "${r.org_code}" is outside the organizations you may change` });
  }
  return out;
}
