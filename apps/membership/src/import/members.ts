// Bulk import of members: every row is validated, one invalid row and nothing is imported; all rows go in
// ONE transaction, with one audit record and one outbox event summarising the import. The counters
// (org_year_stat) follow through their statement triggers. Two paths:
//
// - Fast path (CSV given as a path or as bytes, i.e. a file that can be read twice): one pass. Count the
//   line breaks (an upper bound of the rows), reserve that many member ids from the sequence, load the
//   organizations a row may name (open cells inside the caller's subtrees), then stream parse → validate
//   (row rules, and the organization rules in memory) → COPY straight into member, spooling the
//   membership periods to a file that is COPYed afterwards. Node parses and validates while the
//   PostgreSQL backend ingests the COPY. Duplicates (within the file or against the database) are caught
//   by member's unique indexes. On any problem (a row rule, an organization rule, a COPY error) it stops,
//   rolls back and hands over to the checked path, which produces the report. Unused ids are gaps.
// - Checked path (XLSX, streams, and every file the fast path gave up on): two passes. The file streams
//   (bounded memory) through row validation into a temporary staging table with COPY (the full rows into
//   a spool file); the database checks (organization exists, is open and is a cell, joined date, caller's
//   subtrees; duplicates in the file and against the database) are set-based SQL on that table and report
//   every rejected row with its column and reason; then COPY writes the members (ids reserved from their
//   sequence) and their membership periods.
// Figures: docs/membership-data.md#benchmarks.
import { FOREIGN_CLASH_REASON } from "../router/members/national-id.js";
import { randomUUID } from "node:crypto";
import { likePrefix } from "@orgboard/events";
import { todayInVietnam, vietnameseNameSortKey } from "@orgboard/locale-vi";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { copyLine, copyValue, type Sql } from "../db/sql.js";
import { CELL_KINDS } from "../domain/org-tree.js";
import { restoreFormulas } from "../export/formula.js";
import { recordImport } from "./audit.js";
import { formatOf, openStream, readRecords, type FileSource } from "./read.js";
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
  /**
   * Called at each phase and every few thousand rows while reading. Fast path: preparing → reading
   * (parse, validate, COPY into member) → writing (periods, audit). Checked path: reading → checking →
   * writing; "fallback" first when the fast path gave up.
   */
  onProgress?: (p: { rowsRead: number; phase: ImportPhase }) => void;
  /**
   * Only the organizations in these subtrees may receive rows (the caller's org_paths); rows for others
   * are rejected naming the column. Undefined = no restriction (CLI, service accounts).
   */
  allowedOrgPaths?: readonly string[];
  /**
   * Stops the import (its transaction rolls back) when aborted; it throws the signal's reason (the CLI
   * gives an OperationInterruptedError on SIGINT/SIGTERM).
   */
  signal?: AbortSignal;
  /** Organization import: the deepest level the tree may reach (default ORG_TREE_MAX_DEPTH, 16). */
  maxTreeDepth?: number;
}

export type ImportPhase = "preparing" | "reading" | "checking" | "writing" | "fallback";

export type ImportResult =
  | { ok: true; importId: string; imported: number; orgPath: string; eventId: string | null }
  | { ok: false; rows: number; rejectedCount: number; rejected: RowIssue[] };

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

/** The fast path met something it does not report: roll back and let the checked path say what. */
class GiveUp extends Error {
  constructor(reason: string) {
    super(`fast path gave up: ${reason}`);
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

/** The member columns after id, org_id, org_path (COPY text format, with the newline). */
const memberColumns = (m: StagedMember) =>
  copyLine([
    m.fullName, m.birthDate, m.gender, m.ethnicity, m.nationalId, m.status, m.admittedOn, m.officialOn,
    m.partyCardNumber, m.hometown, m.occupation, m.education, vietnameseNameSortKey(m.fullName),
  ]);

/** Spool line of the checked path: organization code, period start, then the member columns. */
const spoolLine = (m: StagedMember) => `${copyValue(m.orgCode)}\t${m.joinedOrgOn ?? m.admittedOn}\t${memberColumns(m)}`;

const MEMBER_TARGET =
  "member (id, org_id, org_path, full_name, birth_date, gender, ethnicity, national_id, status, admitted_on, official_on, party_card_number, hometown, occupation, education, name_sort_key)";
const PERIOD_TARGET = "membership_period (member_id, org_id, org_path, started_on, start_reason)";

/** The first membership period of an imported member (COPY text, with the newline). */
const periodLine = (id: number, orgCopy: string, startedOn: string) => `${id}\t${orgCopy}\t${startedOn}\timport\n`;

/** The import's one audit record and outbox event, in its transaction. */
async function recordMemberImport(tx: Sql, file: FileSource, options: ImportOptions, imported: number, paths: string[]): Promise<ImportResult> {
  const importId = randomUUID();
  const { orgPath, eventId } = await recordImport(tx, {
    importId,
    actor: options.actor,
    requestId: options.requestId ?? null,
    entity: "Member",
    action: "membership.members.import",
    eventType: "membership.members.imported",
    paths,
    summary: { imported, fileName: file.name ?? file.path ?? null, organizations: paths.length },
  });
  return { ok: true, importId, imported, orgPath, eventId };
}

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
  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.out.write(text)) await once(this.out, "drain");
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
  /** The spooled bytes in large chunks (for a COPY of lines written whole). */
  async *chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  }
  remove(): void {
    this.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** n fresh member ids from the sequence: normally one contiguous range, else the list. */
async function reserveIds(tx: Sql, n: number): Promise<(i: number) => number> {
  // The sequence is looked up once (per row it cost 5× the nextval), and the list of ids is only built
  // when another session took some in between.
  const { rows } = await tx.query<{ lo: number; hi: number; ids: string | null }>(
    `WITH x AS MATERIALIZED (
       SELECT nextval((SELECT pg_get_serial_sequence('member', 'id')::regclass))::int AS id FROM generate_series(1, $1::int)
     ), r AS (SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM x)
     SELECT lo, hi, CASE WHEN hi - lo + 1 = n THEN NULL ELSE (SELECT string_agg(id::text, ',' ORDER BY id) FROM x) END AS ids FROM r`,
    [n],
  );
  const r = rows[0]!;
  if (r.ids === null) return (i) => r.lo + i;
  const ids = Int32Array.from(r.ids.split(",").map(Number));
  return (i) => ids[i]!;
}

export async function importMembers(db: Sql, file: FileSource, options: ImportOptions): Promise<ImportResult> {
  const today = options.today ?? todayInVietnam();
  const progress = options.onProgress ?? (() => undefined);
  options.signal?.throwIfAborted();
  if (formatOf(file) === "csv" && (file.path !== undefined || file.bytes !== undefined)) {
    const fast = await fastImport(db, file, options, today);
    if (fast) return fast;
    progress({ rowsRead: 0, phase: "fallback" });
  }
  return checkedImport(db, file, options, today);
}

// ------------------------------------------------------------------------------------------ fast path

/**
 * Line breaks in the file (LF, CR LF or a lone CR each end one line): an upper bound of its data rows,
 * since the header takes a line and a quoted cell can only join lines into one record.
 */
async function lineBreaks(file: FileSource): Promise<number> {
  let n = 0;
  let crAtEnd = false; // the previous chunk ended in CR: a lone one unless this chunk starts with LF
  const count = (buf: Buffer) => {
    if (buf.length === 0) return;
    if (crAtEnd && buf[0] !== 10) n++;
    crAtEnd = false;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
    for (let i = buf.indexOf(13); i !== -1; i = buf.indexOf(13, i + 1)) {
      if (i + 1 === buf.length) crAtEnd = true;
      else if (buf[i + 1] !== 10) n++;
    }
  };
  if (file.bytes) count(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  else for await (const chunk of openStream(file)) count(chunk as Buffer);
  return crAtEnd ? n + 1 : n;
}

interface TargetOrg {
  /** "id\tpath" as COPY text */
  copy: string;
  path: string;
  openedOn: string;
}

/** Open cells (not closed on `today`) inside the caller's subtrees, by code: the only valid targets. */
async function targetOrgs(tx: Sql, today: string, allowed: readonly string[] | undefined): Promise<Map<string, TargetOrg>> {
  const { rows } = await tx.query<{ code: string; id: number; path: string; opened_on: string }>(
    `SELECT code, id, path, opened_on FROM party_organization
     WHERE kind = ANY ($1::text[]) AND (closed_on IS NULL OR closed_on > $2::date)
       AND ($3::text[] IS NULL OR path LIKE ANY ($3::text[]))`,
    [CELL_KINDS, today, allowed ? allowed.map((p) => likePrefix(p)) : null],
  );
  return new Map(rows.map((o) => [o.code, { copy: `${o.id}\t${copyValue(o.path)}`, path: o.path, openedOn: o.opened_on }]));
}

/**
 * Encodes lines into UTF-8 buffers of about `size` bytes. Off the JS heap: a text chunk is a rope of
 * every row's pieces that lives through young-generation collections, and collecting and flattening it
 * cost the import more than validating the rows.
 */
class LineBuffer {
  private buf: Buffer;
  private used = 0;
  constructor(private readonly size = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }
  /** Adds a line; returns the chunk it filled up, if it did. */
  add(line: string): Buffer | null {
    const room = line.length * 3; // UTF-8 bytes at most
    const full = this.used + room > this.size ? this.take() : null;
    if (room > this.size) this.buf = Buffer.allocUnsafe(room);
    this.used += this.buf.write(line, this.used);
    return full;
  }
  /** The lines so far (null when none), and a new buffer for the next ones. */
  take(): Buffer | null {
    if (this.used === 0) return null;
    const out = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(this.size);
    this.used = 0;
    return out;
  }
}

/** PostgreSQL's unique_violation (23505), from pg or PGlite (possibly wrapped as the cause by a stream). */
function isUniqueViolation(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** The one-pass import; null when it gave up (rolled back) and the checked path must run. */
async function fastImport(db: Sql, file: FileSource, options: ImportOptions, today: string): Promise<ImportResult | null> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ rowsRead: 0, phase: "preparing" });
  const bound = await lineBreaks(file);
  if (bound === 0) return null; // header only, or empty: the checked path says so
  const periods = Spool.open();
  try {
    return await db.transaction(async (tx) => {
      const idOf = await reserveIds(tx, bound);
      const orgs = await targetOrgs(tx, today, options.allowedOrgPaths);
      const paths = new Set<string>();
      let rowsRead = 0;
      let nextReport = 5000;
      progress({ rowsRead, phase: "reading" });
      // Lines go out in chunks (one await per chunk, not per row); the COPY streams them to the server
      // while the next rows are parsed.
      const memberChunks = async function* () {
        const members = new LineBuffer();
        const spooled = new LineBuffer();
        for await (const rec of readRecords(file, MEMBER_COLUMNS)) {
          options.signal?.throwIfAborted();
          if (rowsRead === bound) throw new GiveUp("more rows than line breaks");
          const r = validateMemberRecord(rec.row, restoreFormulas(rec.values), today);
          if (!r.ok) throw new GiveUp(`row ${rec.row}`);
          const m = r.member;
          const org = orgs.get(m.orgCode);
          if (org === undefined) throw new GiveUp(`row ${rec.row}: organization`);
          if (m.joinedOrgOn !== null && m.joinedOrgOn < org.openedOn) throw new GiveUp(`row ${rec.row}: joined date`);
          const id = idOf(rowsRead++);
          paths.add(org.path);
          if (rowsRead === nextReport) {
            progress({ rowsRead, phase: "reading" });
            nextReport += 5000;
          }
          const period = spooled.add(periodLine(id, org.copy, m.joinedOrgOn ?? m.admittedOn));
          if (period) await periods.write(period);
          const full = members.add(`${id}\t${org.copy}\t${memberColumns(m)}`);
          if (full) yield full;
        }
        const last = members.take();
        if (last) yield last;
        const lastPeriods = spooled.take();
        if (lastPeriods) await periods.write(lastPeriods);
      };
      // A duplicate national ID or party card (in the file or against the database) fails this COPY on
      // member's unique indexes.
      const imported = await tx.copyFrom(MEMBER_TARGET, memberChunks());
      if (imported === 0) throw new GiveUp("no data rows");
      options.signal?.throwIfAborted();
      progress({ rowsRead, phase: "writing" });
      await periods.close();
      await tx.copyFrom(PERIOD_TARGET, periods.chunks());
      return recordMemberImport(tx, file, options, imported, [...paths]);
    });
  } catch (err) {
    // Only what the checked path reports row by row hands over to it: a row it gave up on, or a duplicate
    // caught by member's unique indexes. Anything else (a COPY that failed, a full disk, a bug) is an
    // error of the import, said as it is: falling back silently hid #11's broken COPY batches behind a
    // second, differently failing run.
    if (err instanceof GiveUp) return null;
    if (isUniqueViolation(err)) return null;
    throw err;
  } finally {
    periods.remove();
  }
}

// --------------------------------------------------------------------------------------- checked path

/** COPY the spooled members (with reserved ids), then their first membership periods. */
async function writeMembers(tx: Sql, spool: Spool, count: number): Promise<number> {
  const { rows: orgRows } = await tx.query<{ code: string; id: number; path: string }>(
    `SELECT o.code, o.id, o.path FROM party_organization o JOIN (SELECT DISTINCT org_code FROM import_member_stage) s ON s.org_code = o.code`,
  );
  const orgs = new Map(orgRows.map((o) => [copyValue(o.code), `${o.id}\t${copyValue(o.path)}`]));
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
        await periods.write(periodLine(id, org, line.slice(tab1 + 1, tab2)));
        yield `${id}\t${org}\t${line.slice(tab2 + 1)}\n`;
      }
    };
    const n = await tx.copyFrom(MEMBER_TARGET, memberLines());
    await periods.close();
    await tx.copyFrom(PERIOD_TARGET, periods.chunks());
    return n;
  } finally {
    periods.remove();
  }
}

async function checkedImport(db: Sql, file: FileSource, options: ImportOptions, today: string): Promise<ImportResult> {
  const issues = new IssueList(options.maxIssues ?? 1000);
  const progress = options.onProgress ?? (() => undefined);
  let rowsRead = 0;
  const spool = Spool.open();
  try {
    return await db.transaction(async (tx) => {
      await tx.exec(STAGE);
      let valid = 0;
      progress({ rowsRead, phase: "reading" });
      const lines = (async function* () {
        for await (const rec of readRecords(file, MEMBER_COLUMNS)) {
          options.signal?.throwIfAborted();
          rowsRead++;
          if (rowsRead % 5000 === 0) progress({ rowsRead, phase: "reading" });
          const r = validateMemberRecord(rec.row, restoreFormulas(rec.values), today);
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

      options.signal?.throwIfAborted();
      progress({ rowsRead, phase: "writing" });
      const imported = await writeMembers(tx, spool, valid);
      const { rows: scope } = await tx.query<{ path: string }>(
        `SELECT DISTINCT o.path FROM party_organization o JOIN (SELECT DISTINCT org_code FROM import_member_stage) s ON s.org_code = o.code`,
      );
      return recordMemberImport(tx, file, options, imported, scope.map((r) => r.path));
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
      FROM import_member_stage s
      -- An organization outside the caller's scope is, for this caller, one that does not exist (#9):
      -- nothing about it (closed, kind, founding date) is told.
      LEFT JOIN party_organization o ON o.code = s.org_code AND ($3::text[] IS NULL OR o.path LIKE ANY ($3::text[]))
    ), dup AS (
      SELECT row_no, national_id, party_card_number,
             min(row_no) OVER (PARTITION BY national_id) AS first_id_row,
             CASE WHEN party_card_number IS NULL THEN NULL ELSE min(row_no) OVER (PARTITION BY party_card_number) END AS first_card_row
      FROM import_member_stage
    )
    SELECT row_no AS row, 'orgCode' AS "column", 'no organization has the code "' || org_code || '" in your scope' AS reason FROM org WHERE id IS NULL
    UNION ALL
    SELECT row_no, 'orgCode', 'organization "' || org_code || '" was closed on ' || to_char(closed_on, 'DD/MM/YYYY')
      FROM org WHERE closed_on IS NOT NULL AND closed_on <= $1::date
    UNION ALL
    SELECT row_no, 'orgCode', 'organization "' || org_code || '" is not a cell (chi bộ): members belong to a grassroots or subordinate cell'
      FROM org WHERE id IS NOT NULL AND kind <> ALL ($2::text[])
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
     WHERE $3::text[] IS NULL OR m.org_path LIKE ANY ($3::text[])
    UNION ALL
    SELECT s.row_no, 'partyCardNumber', 'party card number ' || s.party_card_number || ' is already used by another member'
      FROM import_member_stage s JOIN member m ON m.party_card_number = s.party_card_number
     WHERE $3::text[] IS NULL OR m.org_path LIKE ANY ($3::text[])
    `,
    [today, CELL_KINDS, allowed ? allowed.map((p) => likePrefix(p)) : null],
  );
  const out = rows.map((r) => ({ row: Number(r.row), column: r.column, reason: r.reason }));
  if (allowed) {
    // #9 finding 1: clashes with members outside the caller's scope are named nowhere (no row, no ID):
    // one file-level issue (row 0), which the router audits and counts against the caller (national-id.ts).
    const { rows: foreign } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM import_member_stage s JOIN member m ON m.national_id = s.national_id OR m.party_card_number = s.party_card_number
        WHERE NOT (m.org_path LIKE ANY ($1::text[]))`,
      [allowed.map((p) => likePrefix(p))],
    );
    if (foreign[0]!.n > 0) out.push({ row: 0, column: "nationalId", reason: FOREIGN_CLASH_REASON });
  }
  return out;
}
