// Bulk import of members: every row is validated before anything is written; one invalid row and nothing
// is imported. Otherwise all rows go in ONE transaction: the file streams (bounded memory) through row
// validation into a temporary staging table with COPY (the full rows into a spool file); the database
// checks (organization exists, is open and is a cell; duplicates in the file and against the database) are
// set-based SQL on that table; then COPY writes the members (ids reserved from their sequence) and their
// membership periods, and one audit record and one outbox event summarise the import. The counters
// (org_year_stat) follow through their statement triggers.
import { randomUUID } from "node:crypto";
import { vietnameseNameSortKey } from "@orgboard/locale-vi";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { copyLine, copyValue, type Sql } from "../db/sql.js";
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

// The staging table holds what the database checks need; the full rows wait in a spool file (bounded
// memory) and go into member with COPY once the checks pass: INSERT … SELECT from a wide staging table
// costs ~1.7× a COPY per row, which was most of an import.
const STAGE = `CREATE TEMP TABLE import_member_stage (
  row_no int NOT NULL, national_id text NOT NULL, party_card_number text, org_code text NOT NULL,
  admitted_on date NOT NULL, joined_org_on date
) ON COMMIT DROP`;

const STAGE_COLUMNS = "import_member_stage (row_no, national_id, party_card_number, org_code, admitted_on, joined_org_on)";

const stageLine = (m: StagedMember) => copyLine([m.row, m.nationalId, m.partyCardNumber, m.orgCode, m.admittedOn, m.joinedOrgOn]);

/** Spool line: organization code, period start, then the member columns (COPY text format). */
const spoolLine = (m: StagedMember) =>
  copyLine([
    m.orgCode,
    m.joinedOrgOn ?? m.admittedOn,
    m.fullName, m.birthDate, m.gender, m.ethnicity, m.nationalId, m.status, m.admittedOn, m.officialOn,
    m.partyCardNumber, m.hometown, m.occupation, m.education, vietnameseNameSortKey(m.fullName),
  ]);

const MEMBER_TARGET =
  "member (id, org_id, org_path, full_name, birth_date, gender, ethnicity, national_id, status, admitted_on, official_on, party_card_number, hometown, occupation, education, name_sort_key)";
const PERIOD_TARGET = "membership_period (member_id, org_id, org_path, started_on, start_reason)";

class Spool {
  private failure: Error | null = null;
  private constructor(
    readonly dir: string,
    readonly file: string,
    private readonly out: WriteStream,
  ) {
    // Kept, not thrown from an event: write()/close() report it to the import.
    out.on("error", (e: Error) => (this.failure = e));
  }
  static open(): Spool {
    const dir = mkdtempSync(path.join(tmpdir(), "membership-import-"));
    const file = path.join(dir, "rows.copy");
    return new Spool(dir, file, createWriteStream(file));
  }
  async write(line: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.out.write(line)) await once(this.out, "drain");
  }
  async close(): Promise<void> {
    this.out.end();
    await finished(this.out);
    if (this.failure) throw this.failure;
  }
  async *lines(): AsyncGenerator<string> {
    const rl = createInterface({ input: createReadStream(this.file, { encoding: "utf8", highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    for await (const line of rl) yield line;
  }
  remove(): void {
    this.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** n fresh member ids from the sequence: normally one contiguous range, else the list. */
async function reserveIds(tx: Sql, n: number): Promise<(i: number) => number> {
  const { rows } = await tx.query<{ lo: number; hi: number; ids: string | null }>(
    `WITH x AS (SELECT nextval(pg_get_serial_sequence('member', 'id'))::int AS id FROM generate_series(1, $1::int))
     SELECT min(id) AS lo, max(id) AS hi,
            CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL ELSE string_agg(id::text, ',' ORDER BY id) END AS ids
     FROM x`,
    [n],
  );
  const r = rows[0]!;
  if (r.ids === null) return (i) => r.lo + i;
  const ids = Int32Array.from(r.ids.split(",").map(Number));
  return (i) => ids[i]!;
}

/** COPY the spooled members (with reserved ids), then their first membership periods. */
async function writeMembers(tx: Sql, spool: Spool, count: number): Promise<number> {
  const { rows: orgRows } = await tx.query<{ code: string; id: number; path: string }>(
    `SELECT o.code, o.id, o.path FROM party_organization o JOIN (SELECT DISTINCT org_code FROM import_member_stage) s ON s.org_code = o.code`,
  );
  const orgs = new Map(orgRows.map((o) => [o.code, `${o.id}\t${copyValue(o.path)}`]));
  const idOf = await reserveIds(tx, count);
  const periods = Spool.open();
  try {
    let i = 0;
    const memberLines = async function* () {
      for await (const line of spool.lines()) {
        const tab1 = line.indexOf("\t");
        const tab2 = line.indexOf("\t", tab1 + 1);
        const org = orgs.get(line.slice(0, tab1))!;
        const id = idOf(i++);
        await periods.write(`${id}\t${org}\t${line.slice(tab1 + 1, tab2)}\timport\n`);
        yield `${id}\t${org}\t${line.slice(tab2 + 1)}\n`;
      }
    };
    const n = await tx.copyFrom(MEMBER_TARGET, memberLines());
    await periods.close();
    await tx.copyFrom(PERIOD_TARGET, (async function* () {
      for await (const line of periods.lines()) yield `${line}\n`;
    })());
    return n;
  } finally {
    periods.remove();
  }
}

export async function importMembers(db: Sql, file: FileSource, options: ImportOptions): Promise<ImportResult> {
  const today = options.today ?? todayInVietnam();
  const issues = new IssueList(options.maxIssues ?? 1000);
  const progress = options.onProgress ?? (() => undefined);
  let rowsRead = 0;
  const spool = Spool.open();
  try {
    return await db.transaction(async (tx) => {
      await tx.exec(STAGE);
      let valid = 0;
      const lines = (async function* () {
        for await (const rec of readRecords(file, MEMBER_COLUMNS)) {
          rowsRead++;
          if (rowsRead % 5000 === 0) progress({ rowsRead, phase: "reading" });
          const r = validateMemberRecord(rec.row, rec.values, today);
          if (r.ok) {
            valid++;
            // Once a row is bad the import fails anyway: stop spooling, keep checking.
            if (issues.count === 0) await spool.write(spoolLine(r.member));
            yield stageLine(r.member);
          } else for (const i of r.issues) issues.add(i);
        }
      })();
      await tx.copyFrom(STAGE_COLUMNS, lines);
      await spool.close();
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
      const imported = await writeMembers(tx, spool, valid);
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
  } finally {
    spool.remove();
  }
}

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
      FROM org WHERE id IS NOT NULL AND joined_org_on IS NOT NULL AND joined_org_on < opened_on
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
