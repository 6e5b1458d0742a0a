// Streams the records of a CSV or XLSX file as { row, values } with values keyed by column key. Rows
// are numbered as a spreadsheet shows them (the header is row 1). Memory stays bounded: csv-parse and
// exceljs' streaming WorkbookReader both hand out one row at a time.
import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { MembershipInputError } from "../db/errors.js";
import type { FileFormat } from "../domain/enums.js";
import type { Column } from "./template.js";

export type { FileFormat };

export interface FileSource {
  /** a path on disk, the bytes in memory, or a stream with its format */
  path?: string;
  /** the whole file (an upload): like a path, it can be read twice, which a stream cannot */
  bytes?: Uint8Array;
  stream?: Readable;
  format?: FileFormat;
  /** name used in messages (defaults to the path's base name) */
  name?: string;
}

export interface SourceRecord<K extends string> {
  row: number;
  values: Partial<Record<K, string>>;
}

export function formatOf(source: FileSource): FileFormat {
  if (source.format) return source.format;
  const ext = path.extname(source.path ?? source.name ?? "").toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new MembershipInputError("file", `cannot tell the format of "${source.path ?? source.name ?? "?"}": use a .csv or .xlsx file`);
}

export function openStream(source: FileSource): Readable {
  if (source.bytes) return Readable.from([source.bytes], { objectMode: false });
  if (source.stream) return source.stream;
  if (!source.path) throw new MembershipInputError("file", "no file given");
  return createReadStream(source.path);
}

/** Columns whose digits have a fixed width (zero-padded when Excel stored them as numbers). */
const NUMBER_WIDTHS: Record<string, number> = { nationalId: 12 };

const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, "").trim().normalize("NFC").toLocaleLowerCase("vi");

/** Maps header cells to column keys; unknown or missing required columns are input errors. */
export function mapHeader<K extends string>(header: readonly string[], columns: readonly Column<K>[]): (K | null)[] {
  const byName = new Map<string, K>();
  for (const c of columns) {
    byName.set(normalizeHeader(c.header), c.key);
    byName.set(normalizeHeader(c.key), c.key);
  }
  const seen = new Set<K>();
  const mapped = header.map((h, i) => {
    const name = normalizeHeader(h);
    if (name === "") return null;
    const key = byName.get(name);
    if (!key) {
      throw new MembershipInputError("header", `column ${i + 1} "${h.trim()}" is not a column of this template (see docs/import-template.md)`);
    }
    if (seen.has(key)) throw new MembershipInputError("header", `column "${h.trim()}" appears twice`);
    seen.add(key);
    return key;
  });
  const missing = columns.filter((c) => c.required && !seen.has(c.key));
  if (missing.length > 0) {
    throw new MembershipInputError("header", `missing required column(s): ${missing.map((c) => `"${c.header}" (${c.key})`).join(", ")}`);
  }
  return mapped;
}

function toRecord<K extends string>(keys: readonly (K | null)[], cells: readonly string[]): Partial<Record<K, string>> {
  const values: Partial<Record<K, string>> = {};
  keys.forEach((k, i) => {
    if (k !== null) values[k] = cells[i] ?? "";
  });
  return values;
}

async function* csvRecords<K extends string>(source: FileSource, columns: readonly Column<K>[]): AsyncGenerator<SourceRecord<K>> {
  const parser = openStream(source).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let keys: (K | null)[] | null = null;
  let row = 0;
  try {
    // Drain the parser's buffer synchronously between awaits: one await per chunk, not per record.
    for (;;) {
      let cells = parser.read() as string[] | null;
      if (cells === null) {
        if (parser.readableEnded || parser.destroyed) break;
        const more = await new Promise<boolean>((resolve, reject) => {
          const onReadable = () => done(true);
          const onEnd = () => done(false);
          const onError = (e: Error) => {
            cleanup();
            reject(e);
          };
          const cleanup = () => {
            parser.off("readable", onReadable);
            parser.off("end", onEnd);
            parser.off("error", onError);
          };
          const done = (v: boolean) => {
            cleanup();
            resolve(v);
          };
          parser.on("readable", onReadable);
          parser.on("end", onEnd);
          parser.on("error", onError);
        });
        if (!more) break;
        continue;
      }
      for (; cells !== null; cells = parser.read() as string[] | null) {
        row++;
        if (keys === null) {
          keys = mapHeader(cells, columns);
          continue;
        }
        if (cells.every((c) => c.trim() === "")) continue;
        yield { row, values: toRecord(keys, cells) };
      }
    }
  } catch (err) {
    if (err instanceof MembershipInputError) throw err;
    const e = err as { message?: string; lines?: number };
    throw new MembershipInputError("file", `not a readable CSV file near row ${e.lines ?? row + 1}: ${e.message ?? String(err)}`);
  }
  if (keys === null) throw new MembershipInputError("header", "the file is empty: the first row must be the header");
}

/** An Excel cell as the text a person sees: dates as dd/mm/yyyy, numbers without exponent. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel dates carry no time zone; exceljs reads them as UTC midnight.
    const d = value.getUTCDate(), m = value.getUTCMonth() + 1, y = value.getUTCFullYear();
    return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
  }
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return cellText(value.result);
  return "";
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs 4.4 streaming reader decodes each zip chunk on its own, so a multi-byte letter (ơ, ữ, …) cut
 * by a chunk boundary becomes "��" (exceljs issues #2084, #2316; fix PRs unmerged). We hand its parser
 * text decoded across chunks instead, on this reader instance only.
 */
function fixUtf8Chunks(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  type Internals = {
    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): AsyncGenerator<unknown>;
    _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  };
  const r = reader as unknown as Internals;
  const parseWorksheet = r._parseWorksheet.bind(reader);
  const parseSharedStrings = r._parseSharedStrings.bind(reader);
  r._parseWorksheet = (iterator, sheetNo) => parseWorksheet(decodeUtf8(iterator), sheetNo);
  r._parseSharedStrings = (entry) => {
    entry.setEncoding("utf8");
    return parseSharedStrings(entry);
  };
}

async function* xlsxRecords<K extends string>(source: FileSource, columns: readonly Column<K>[]): AsyncGenerator<SourceRecord<K>> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(openStream(source), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  fixUtf8Chunks(reader);
  let keys: (K | null)[] | null = null;
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const excelRow = r;
        const values = excelRow.values as ExcelJS.CellValue[];
        // exceljs row values are 1-based (index 0 is empty).
        const cells = values.slice(1).map(cellText);
        if (keys === null) {
          keys = mapHeader(cells, columns);
          continue;
        }
        // A 12-digit ID typed into a number cell lost its leading zeros: give them back.
        keys.forEach((k, i) => {
          const width = k === null ? undefined : NUMBER_WIDTHS[k];
          if (width !== undefined && typeof values[i + 1] === "number" && cells[i]!.length < width) cells[i] = cells[i]!.padStart(width, "0");
        });
        if (cells.every((c) => c.trim() === "")) continue;
        yield { row: excelRow.number, values: toRecord(keys, cells) };
      }
      break; // only the first worksheet holds data
    }
  } catch (err) {
    if (err instanceof MembershipInputError) throw err;
    throw new MembershipInputError("file", `not a readable XLSX file: ${(err as Error).message}`);
  }
  if (keys === null) throw new MembershipInputError("header", "the workbook is empty: row 1 of the first sheet must be the header");
}

export function readRecords<K extends string>(source: FileSource, columns: readonly Column<K>[]): AsyncGenerator<SourceRecord<K>> {
  return formatOf(source) === "csv" ? csvRecords(source, columns) : xlsxRecords(source, columns);
}
