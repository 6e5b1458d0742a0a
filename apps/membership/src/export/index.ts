// Export of members and organizations in the import template (same headers, same value formats), so an
// exported file imports again unchanged into an empty database. Rows are read in keyset pages and
// written as a stream: memory stays flat for a million rows. CSV cells that a spreadsheet would run as a
// formula are quote-prefixed (formula.ts); XLSX cells are written as text, never as formulas.
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { formatDateVi } from "@orgboard/locale-vi";
import { assertOrgPath, inSubtree, subtreeBounds } from "../db/paths.js";
import type { Sql } from "../db/sql.js";
import { formatOf, type FileFormat } from "../import/read.js";
import { neutralizeFormula } from "./formula.js";
import {
  GENDER_LABELS,
  MEMBER_COLUMNS,
  ORG_COLUMNS,
  ORG_KIND_LABELS,
  SECTOR_LABELS,
  STATUS_LABELS,
  type Column,
} from "../import/template.js";
import type { Gender, OrgKind, Sector } from "../domain/enums.js";

export interface ExportTarget {
  path?: string;
  stream?: Writable;
  format?: FileFormat;
}

export interface ExportOptions {
  /** subtree to export (default "/": everything) */
  orgPath?: string;
  onProgress?: (rows: number) => void;
  /** Stops between pages when aborted (throws the signal's reason; the file is left incomplete). */
  signal?: AbortSignal;
}

const PAGE = 5000;
const vi = (iso: string | null) => (iso === null ? "" : formatDateVi(iso));

interface RowWriter {
  write(cells: string[]): Promise<void>;
  end(): Promise<void>;
}

async function openWriter(target: ExportTarget, columns: readonly Column[], sheetName: string): Promise<RowWriter> {
  const format = formatOf({ path: target.path, format: target.format, name: target.path });
  const out = target.stream ?? createWriteStream(target.path!);
  const header = columns.map((c) => c.header);
  if (format === "csv") {
    // BOM: Excel opens UTF-8 CSV with Vietnamese letters correctly only with it.
    out.write("\uFEFF");
    const csv = stringify({ record_delimiter: "\n" });
    csv.pipe(out);
    const write = (cells: string[]) =>
      new Promise<void>((resolve) => {
        if (csv.write(cells.map(neutralizeFormula))) resolve();
        else csv.once("drain", () => resolve());
      });
    await write(header);
    return {
      write,
      async end() {
        csv.end();
        await finished(out);
      },
    };
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  // Text columns: national IDs and codes keep their leading zeros.
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2), style: { numFmt: "@" } }));
  return {
    write(cells: string[]) {
      sheet.addRow(cells).commit();
      return Promise.resolve();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

interface MemberExportRow {
  id: number;
  full_name: string;
  birth_date: string;
  gender: Gender;
  ethnicity: string;
  national_id: string;
  org_code: string;
  status: "official" | "probationary";
  admitted_on: string;
  official_on: string | null;
  party_card_number: string | null;
  joined_org_on: string | null;
  hometown: string | null;
  occupation: string | null;
  education: string | null;
}

/** Active members (official and probationary) of a subtree, in id order. Returns the row count. */
export async function exportMembers(db: Sql, target: ExportTarget, options: ExportOptions = {}): Promise<number> {
  const orgPath = assertOrgPath(options.orgPath ?? "/");
  const [lo, hi] = subtreeBounds(orgPath);
  const writer = await openWriter(target, MEMBER_COLUMNS, "Đảng viên");
  let last = 0;
  let total = 0;
  for (;;) {
    const { rows } = await db.query<MemberExportRow>(
      `SELECT m.id, m.full_name, m.birth_date, m.gender, m.ethnicity, m.national_id, o.code AS org_code, m.status,
              m.admitted_on, m.official_on, m.party_card_number, m.hometown, m.occupation, m.education,
              (SELECT p.started_on FROM membership_period p
                WHERE p.member_id = m.id AND p.ended_on IS NULL ORDER BY p.started_on DESC LIMIT 1) AS joined_org_on
       FROM member m JOIN party_organization o ON o.id = m.org_id
       WHERE m.id > $3 AND ${inSubtree("m.org_path", 1, 2)} AND m.status IN ('official', 'probationary')
       ORDER BY m.id LIMIT ${PAGE}`,
      [lo, hi, last],
    );
    for (const r of rows) {
      const cells: Record<(typeof MEMBER_COLUMNS)[number]["key"], string> = {
        fullName: r.full_name,
        birthDate: vi(r.birth_date),
        gender: GENDER_LABELS[r.gender],
        ethnicity: r.ethnicity,
        nationalId: r.national_id,
        orgCode: r.org_code,
        status: STATUS_LABELS[r.status] ?? r.status,
        admittedOn: vi(r.admitted_on),
        officialOn: vi(r.official_on),
        partyCardNumber: r.party_card_number ?? "",
        joinedOrgOn: r.joined_org_on !== null && r.joined_org_on !== r.admitted_on ? vi(r.joined_org_on) : "",
        hometown: r.hometown ?? "",
        occupation: r.occupation ?? "",
        education: r.education ?? "",
      };
      await writer.write(MEMBER_COLUMNS.map((c) => cells[c.key]));
    }
    total += rows.length;
    options.onProgress?.(total);
    options.signal?.throwIfAborted();
    if (rows.length < PAGE) break;
    last = rows[rows.length - 1]!.id;
  }
  await writer.end();
  return total;
}

interface OrgExportRow {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  parent_code: string | null;
  admin_unit_code: string | null;
  sector: Sector | null;
  opened_on: string;
  closed_on: string | null;
}

/** Organizations of a subtree, parents before children (depth, then id). */
export async function exportOrganizations(db: Sql, target: ExportTarget, options: ExportOptions = {}): Promise<number> {
  const orgPath = assertOrgPath(options.orgPath ?? "/");
  const [lo, hi] = subtreeBounds(orgPath);
  const writer = await openWriter(target, ORG_COLUMNS, "Tổ chức đảng");
  let total = 0;
  let after: [number, number] = [0, 0];
  for (;;) {
    const { rows } = await db.query<OrgExportRow & { depth: number }>(
      `SELECT o.id, o.depth, o.code, o.name, o.kind, p.code AS parent_code, o.admin_unit_code, o.sector, o.opened_on, o.closed_on
       FROM party_organization o LEFT JOIN party_organization p ON p.id = o.parent_id
       WHERE ${inSubtree("o.path", 1, 2)} AND (o.depth, o.id) > ($3::int, $4::int)
       ORDER BY o.depth, o.id LIMIT ${PAGE}`,
      [lo, hi, after[0], after[1]],
    );
    for (const r of rows) {
      const cells: Record<(typeof ORG_COLUMNS)[number]["key"], string> = {
        code: r.code,
        name: r.name,
        kind: ORG_KIND_LABELS[r.kind],
        // The subtree's root keeps its parent only when that parent is exported too.
        parentCode: r.parent_code ?? "",
        adminUnitCode: r.admin_unit_code ?? "",
        sector: r.sector === null ? "" : SECTOR_LABELS[r.sector],
        openedOn: vi(r.opened_on),
        closedOn: vi(r.closed_on),
      };
      await writer.write(ORG_COLUMNS.map((c) => cells[c.key]));
    }
    total += rows.length;
    options.onProgress?.(total);
    options.signal?.throwIfAborted();
    if (rows.length < PAGE) break;
    const lastRow = rows[rows.length - 1]!;
    after = [lastRow.depth, lastRow.id];
  }
  await writer.end();
  return total;
}
