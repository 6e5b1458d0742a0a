// Streams the records of a CSV or XLSX file as { row, values } with values keyed by column key. Rows
// are numbered as a spreadsheet shows them (the header is row 1). Memory stays bounded: csv-parse and
// exceljs' streaming WorkbookReader both hand out one row at a time, and an XLSX is checked first by
// xlsx-scan.ts (inflated and counted, never kept). Every refusal is a MembershipInputError whose message
// (from @orgboard/messages) is Vietnamese first and names the row, the column and what to do:
// - CSV: encoding detected (decode.ts), separator detected from the header (comma, semicolon, tab), every
//   row exactly as wide as the header, quotes checked;
// - XLSX: the first visible sheet in tab order, or the one named by `sheet`; the choice is told through
//   `onNotice`;
// - every cell normalized (normalize.ts); the limits of limits.ts.
import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { parse, type Parser } from "csv-parse";
import ExcelJS from "exceljs";
import { importMessages as msg, text, type Message } from "@orgboard/messages";
import { MembershipInputError } from "../db/errors.js";
import type { FileFormat } from "../domain/enums.js";
import { decodeText } from "./decode.js";
import { readLimits, type ReadLimits } from "./limits.js";
import { normalizeCell } from "./normalize.js";
import type { Column } from "./template.js";
import { scanXlsx } from "./xlsx-scan.js";

export type { FileFormat };
export { DEFAULT_READ_LIMITS, readLimits, type ReadLimits } from "./limits.js";

export interface FileSource {
  /** a path on disk, the bytes in memory, or a stream with its format */
  path?: string;
  /** the whole file (an upload): like a path, it can be read twice, which a stream cannot */
  bytes?: Uint8Array;
  stream?: Readable;
  format?: FileFormat;
  /** name used in messages (defaults to the path's base name) */
  name?: string;
  /** XLSX: the sheet to read, by name (default: the first visible sheet) */
  sheet?: string;
  /** limits over the defaults and the MEMBERSHIP_IMPORT_* variables (limits.ts) */
  limits?: Partial<ReadLimits>;
  /** told what was read: the sheet chosen, the encoding and separator when not plain UTF-8 and comma */
  onNotice?: (message: Message) => void;
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
  throw new MembershipInputError("file", text(msg.unknownFormat(source.path ?? source.name ?? "?")));
}

export function openStream(source: FileSource): Readable {
  if (source.bytes) return Readable.from([source.bytes], { objectMode: false });
  if (source.stream) return source.stream;
  if (!source.path) throw new MembershipInputError("file", text(msg.noFile()));
  return createReadStream(source.path, { highWaterMark: 256 * 1024 });
}

/** Columns whose digits have a fixed width (zero-padded when Excel stored them as numbers). */
const NUMBER_WIDTHS: Record<string, number> = { nationalId: 12 };

const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, "").trim().normalize("NFC").toLocaleLowerCase("vi");

/** Maps header cells to column keys; unknown or missing required columns are input errors. */
export function mapHeader<K extends string>(header: readonly string[], columns: readonly Column<K>[], csv?: { separator: string }): (K | null)[] {
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
      // Say why when the header shows it: another separator, or letters of another encoding.
      const other = [";", ",", "\t", "|"].find((s) => s !== csv?.separator && h.includes(s));
      if (csv && other) throw new MembershipInputError("header", text(msg.notAColumnSeparator(i + 1, h.trim(), separatorName(other))));
      if (/[\uFFFD\u00c0-\u00ff]/u.test(h) && !/[\u0300-\u036f\u1ea0-\u1ef9ăâđêôơư]/iu.test(h.normalize("NFC"))) {
        throw new MembershipInputError("header", text(msg.notAColumnEncoding(i + 1, h.trim())));
      }
      throw new MembershipInputError("header", text(msg.notAColumn(i + 1, h.trim())));
    }
    if (seen.has(key)) throw new MembershipInputError("header", text(msg.columnTwice(h.trim())));
    seen.add(key);
    return key;
  });
  const missing = columns.filter((c) => c.required && !seen.has(c.key));
  if (missing.length > 0) {
    throw new MembershipInputError("header", text(msg.missingColumns(missing.map((c) => `"${c.header}" (${c.key})`).join(", "))));
  }
  return mapped;
}

/** The values of a data row, every cell normalized (normalize.ts); `labels` name the columns in messages. */
function toRecord<K extends string>(keys: readonly (K | null)[], labels: readonly string[], cells: readonly string[], row: number, limits: ReadLimits): Partial<Record<K, string>> {
  const values: Partial<Record<K, string>> = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k !== null) values[k] = normalizeCell(cells[i] ?? "", row, labels[i]!, limits.maxCellChars);
  }
  return values;
}

/** Column names for messages: the header cell as written, else the key. */
const labelsOf = (header: readonly string[], keys: readonly (string | null)[]) => header.map((h, i) => h.trim() || keys[i] || String(i + 1));

const separatorName = (s: string) => (s === "\t" ? "tab" : `"${s}"`);

/** The separator of the header line: the most frequent of , ; tab outside quotes (comma when none). */
export function detectSeparator(headerLine: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",", n = 0;
  for (const [s, c] of counts) {
    if (c > n) {
      best = s;
      n = c;
    }
  }
  return best;
}

/**
 * One record at a time from the parser, one await per chunk (not per record). The parser's error is
 * kept by a listener that stays for its whole life: an error emitted while the consumer is busy with a
 * record (csv-parse reports an unclosed quote from end()) would otherwise be an uncaught exception.
 */
async function* records(parser: Parser): AsyncGenerator<string[]> {
  const state: { failure: Error | null } = { failure: null };
  const failed = () => state.failure;
  let wake: (() => void) | null = null;
  let closed = false;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  parser.on("error", (e: Error) => {
    state.failure ??= e;
    poke();
  });
  parser.on("readable", poke);
  parser.on("end", () => {
    closed = true;
    poke();
  });
  parser.on("close", () => {
    closed = true;
    poke();
  });
  for (;;) {
    if (state.failure) throw state.failure;
    let cells = parser.read() as string[] | null;
    if (cells === null) {
      if (closed || parser.readableEnded) {
        // read() may have met the error: it is emitted synchronously inside it.
        const failure = failed();
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    for (; cells !== null; cells = parser.read() as string[] | null) yield cells;
  }
}

/** A notice once per source (an import may read a file twice: count, then parse). */
const told = new WeakSet<FileSource>();
function notice(source: FileSource, m: Message): void {
  if (!source.onNotice || told.has(source)) return;
  told.add(source);
  source.onNotice(m);
}

async function* csvRecords<K extends string>(source: FileSource, columns: readonly Column<K>[]): AsyncGenerator<SourceRecord<K>> {
  const limits = readLimits(source.limits);
  if (source.path !== undefined || source.bytes !== undefined) {
    const size = source.bytes ? source.bytes.byteLength : (await import("node:fs/promises").then((fs) => fs.stat(source.path!))).size;
    if (size > limits.maxFileBytes) throw new MembershipInputError("file", text(msg.fileTooLarge(size, limits.maxFileBytes)));
  }
  const decoded = decodeText(openStream(source));
  const textChunks = decoded.chunks;
  // The header line decides the separator: gather the bytes up to its end.
  const firstParts: Buffer[] = [];
  let firstLength = 0;
  for (;;) {
    const r = await textChunks.next();
    if (r.done) break;
    firstParts.push(r.value);
    firstLength += r.value.length;
    if (r.value.includes(10) || r.value.includes(13) || firstLength > 1 << 20) break;
  }
  const first = Buffer.concat(firstParts);
  const headerText = first.subarray(0, 1 << 20).toString("utf8");
  const nl = headerText.search(/[\r\n]/u);
  const separator = detectSeparator(nl >= 0 ? headerText.slice(0, nl) : headerText);
  const encoding = decoded.encoding();
  if (encoding !== null && ((encoding !== "UTF-8" && encoding !== "UTF-8 BOM") || separator !== ",")) notice(source, msg.decoded(encoding, separatorName(separator)));

  const parser = parse({
    delimiter: separator,
    relax_column_count: true,
    skip_empty_lines: false,
    // A record this long is a runaway quote or a giant cell: bounded memory either way.
    max_record_size: Math.max(16 * 1024 * 1024, limits.maxCellChars * limits.maxCellsPerRow * 4),
  });
  // Feed the decoded text with backpressure; errors surface through the parser.
  void (async () => {
    try {
      if (first.length > 0 && !parser.write(first)) await new Promise((r) => parser.once("drain", r));
      for await (const chunk of textChunks) if (!parser.write(chunk)) await new Promise((r) => parser.once("drain", r));
      parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();

  let keys: (K | null)[] | null = null;
  let header: string[] = [];
  let labels: string[] = [];
  let row = 0;
  try {
    for await (const cells of records(parser)) {
      row++;
      if (keys === null) {
        keys = mapHeader(cells, columns, { separator });
        header = cells;
        labels = labelsOf(header, keys);
        continue;
      }
      if (cells.length === 1 && cells[0] === "") continue; // a blank line
      if (row - 1 > limits.maxRows) throw new MembershipInputError("file", text(msg.tooManyRows(limits.maxRows)));
      if (cells.length > limits.maxCellsPerRow) throw new MembershipInputError("file", text(msg.tooManyCells(row, limits.maxCellsPerRow)));
      if (cells.length !== header.length) {
        if (cells.every((c) => c.trim() === "")) continue; // a line of separators only: Excel writes them
        throw new MembershipInputError("file", text(msg.rowShape(row, cells.length, header.length, separatorName(separator))));
      }
      if (cells.every((c) => c.trim() === "")) continue;
      yield { row, values: toRecord(keys, labels, cells, row, limits) };
    }
  } catch (err) {
    if (err instanceof MembershipInputError) throw err;
    const e = err as { code?: string; message?: string; lines?: number };
    const at = row + 1;
    if (e.code === "CSV_QUOTE_NOT_CLOSED") throw new MembershipInputError("file", text(msg.unclosedQuote(at)));
    if (e.code === "CSV_INVALID_CLOSING_QUOTE" || e.code === "INVALID_OPENING_QUOTE" || e.code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") throw new MembershipInputError("file", text(msg.badQuote(at)));
    if (e.code === "CSV_MAX_RECORD_SIZE") {
      throw new MembershipInputError(
        `row ${at}`,
        text({ vi: `dòng ${at} dài quá 16 MB: có thể một dấu ngoặc kép (") mở mà không đóng (hãy đóng nó), hoặc một ô quá dài`, en: `row ${at} is over 16 MB long: a quote (") opened and never closed (close it), or a cell too long` }),
      );
    }
    throw new MembershipInputError("file", text(msg.unreadableCsv(e.lines ?? at, e.message ?? String(err))));
  } finally {
    if (!parser.destroyed) parser.destroy();
  }
  if (keys === null) throw new MembershipInputError("header", text(msg.emptyFile()));
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
  r._parseWorksheet = function* (iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    // exceljs renames a worksheet's id to its sheetId when it can match it; the part's number is what
    // xlsx-scan.ts chose by: keep it on the worksheet.
    for (const event of parseWorksheet(decodeUtf8(iterator), sheetNo) as unknown as Iterable<{ value?: object }>) {
      if (event.value) Object.assign(event.value, { partNo: sheetNo });
      yield event;
    }
  } as unknown as Internals["_parseWorksheet"];
  r._parseSharedStrings = (entry) => {
    entry.setEncoding("utf8");
    return parseSharedStrings(entry);
  };
}

/** The whole of a stream source (an XLSX is scanned before it is read: it must be read twice). */
async function asBytes(source: FileSource, limits: ReadLimits): Promise<FileSource> {
  if (source.path !== undefined || source.bytes !== undefined) return source;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of openStream(source)) {
    size += (c as Buffer).length;
    if (size > limits.maxFileBytes) throw new MembershipInputError("file", text(msg.fileTooLarge(size, limits.maxFileBytes)));
    parts.push(c as Buffer);
  }
  return { ...source, stream: undefined, bytes: Buffer.concat(parts) };
}

async function* xlsxRecords<K extends string>(given: FileSource, columns: readonly Column<K>[]): AsyncGenerator<SourceRecord<K>> {
  const limits = readLimits(given.limits);
  const source = await asBytes(given, limits);
  const scan = await scanXlsx(source, limits);
  notice(given, msg.sheetChosen(scan.chosen.name, scan.chosenBy));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(openStream(source), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  fixUtf8Chunks(reader);
  let keys: (K | null)[] | null = null;
  let header: string[] = [];
  let labels: string[] = [];
  let rows = 0;
  try {
    for await (const sheet of reader) {
      if ((sheet as unknown as { partNo?: string }).partNo !== scan.chosen.id) continue; // drained by exceljs
      for await (const excelRow of sheet) {
        const values = excelRow.values as ExcelJS.CellValue[];
        const row = excelRow.number;
        if (values.length - 1 > limits.maxCellsPerRow) throw new MembershipInputError("file", text(msg.tooManyCells(row, limits.maxCellsPerRow)));
        // exceljs row values are 1-based (index 0 is empty).
        const cells = values.slice(1).map(cellText);
        if (keys === null) {
          if (row !== 1) throw new MembershipInputError("header", text(msg.emptyWorkbook(scan.chosen.name)));
          keys = mapHeader(cells, columns);
          header = cells;
          labels = labelsOf(header, keys);
          continue;
        }
        if (++rows > limits.maxRows) throw new MembershipInputError("file", text(msg.tooManyRows(limits.maxRows)));
        // Cells right of the header: empty ones are Excel's formatting, a value is a shifted row.
        for (let i = header.length; i < cells.length; i++) {
          if (cells[i]!.trim() !== "") throw new MembershipInputError("file", text(msg.rowShape(row, cells.length, header.length, "ô / cell")));
        }
        // A 12-digit ID typed into a number cell lost its leading zeros: give them back.
        keys.forEach((k, i) => {
          const width = k === null ? undefined : NUMBER_WIDTHS[k];
          if (width !== undefined && typeof values[i + 1] === "number" && cells[i]!.length < width) cells[i] = cells[i]!.padStart(width, "0");
        });
        if (cells.every((c) => c.trim() === "")) continue;
        yield { row, values: toRecord(keys, labels, cells, row, limits) };
      }
    }
  } catch (err) {
    if (err instanceof MembershipInputError) throw err;
    throw new MembershipInputError("file", text(msg.damagedXlsx((err as Error).message)));
  }
  if (keys === null) throw new MembershipInputError("header", text(msg.emptyWorkbook(scan.chosen.name)));
}

export function readRecords<K extends string>(source: FileSource, columns: readonly Column<K>[]): AsyncGenerator<SourceRecord<K>> {
  return formatOf(source) === "csv" ? csvRecords(source, columns) : xlsxRecords(source, columns);
}
