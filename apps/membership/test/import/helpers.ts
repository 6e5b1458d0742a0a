// Builders for import files in tests: rows keyed by template key, written as CSV or XLSX with the
// Vietnamese headers.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Column } from "../../src/import/template.js";

export const tmp = (): string => mkdtempSync(path.join(tmpdir(), "membership-import-"));

export function writeCsv(file: string, columns: readonly Column[], rows: Record<string, string>[], opts: { bom?: boolean; englishHeader?: boolean } = {}): string {
  const header = columns.map((c) => (opts.englishHeader ? c.key : c.header));
  const body = stringify([header, ...rows.map((r) => columns.map((c) => r[c.key] ?? ""))]);
  writeFileSync(file, (opts.bom ? "\uFEFF" : "") + body);
  return file;
}

/** XLSX with text cells, except values given as Date / number in `typed` (to mimic Excel users). */
export async function writeXlsx(file: string, columns: readonly Column[], rows: Record<string, string | Date | number>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.addRow(columns.map((c) => c.header));
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key] ?? ""));
  await wb.xlsx.writeFile(file);
  return file;
}

let counter = 0;
/** A valid national ID for the birth date and gender (province 001, distinct suffix per call). */
export function nationalIdFor(birthDate: string, gender: "male" | "female", salt = 900_000): string {
  const year = Number(birthDate.slice(6, 10));
  const century = (year >= 2000 ? 2 : 0) + (gender === "female" ? 1 : 0);
  counter++;
  return `001${century}${String(year % 100).padStart(2, "0")}${String((salt + counter) % 1_000_000).padStart(6, "0")}`;
}

export function memberRow(orgCode: string, over: Record<string, string> = {}): Record<string, string> {
  const birthDate = over.birthDate ?? "15/04/1990";
  const gender = over.gender === "Nữ" ? "female" : "male";
  return {
    fullName: "Nguyễn Văn An",
    birthDate,
    gender: gender === "female" ? "Nữ" : "Nam",
    ethnicity: "Kinh",
    nationalId: nationalIdFor(birthDate, gender),
    orgCode,
    status: "Chính thức",
    admittedOn: "03/02/2015",
    officialOn: "03/02/2016",
    ...over,
  };
}
