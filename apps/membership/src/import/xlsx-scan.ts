// Checks an XLSX file before exceljs reads it, with bounded memory: the zip's central directory gives
// every entry; each is inflated as a stream and only counted (never kept), so a 6 MB file inflating to
// 6 GB is refused after the limit's bytes, not after the heap. The small workbook parts (workbook.xml and
// its rels) are read to list the sheets in tab order with their visibility, and the chosen sheet is
// searched for cells lacking their r= reference (exceljs fails on those with a TypeError).
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { importMessages as msg, text } from "@orgboard/messages";
import { MembershipInputError } from "../db/errors.js";
import type { ReadLimits } from "./limits.js";

export interface SheetInfo {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** "xl/worksheets/sheet2.xml" */
  part: string;
  /** exceljs' worksheet id: the digits of the part's name */
  id: string | null;
}

export interface XlsxScan {
  sheets: SheetInfo[];
  chosen: SheetInfo;
  chosenBy: "name" | "first";
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** Random access to the file's bytes (a path or an upload in memory). */
interface Bytes {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): Readable;
  close(): Promise<void>;
}

async function bytesOf(source: { path?: string; bytes?: Uint8Array }): Promise<Bytes> {
  if (source.bytes) {
    const b = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
    return {
      size: b.length,
      read: (o, l) => Promise.resolve(b.subarray(o, o + l)),
      stream: (s, l) => Readable.from([b.subarray(s, s + l)]),
      close: () => Promise.resolve(),
    };
  }
  const fh = await open(source.path!, "r");
  const size = (await fh.stat()).size;
  return {
    size,
    read: async (o, l) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(l, size - o)));
      await fh.read(buf, 0, buf.length, o);
      return buf;
    },
    stream: (s, l) => createReadStream(source.path!, { start: s, end: s + l - 1, highWaterMark: 256 * 1024 }),
    close: () => fh.close(),
  };
}

const damaged = (detail: string) => new MembershipInputError("file", text(msg.damagedXlsx(detail)));

async function centralDirectory(file: Bytes): Promise<Entry[]> {
  const first = await file.read(0, 8);
  if (first.readUInt32BE(0) === 0xd0cf11e0) throw new MembershipInputError("file", text(msg.passwordProtected()));
  if (first.readUInt32LE(0) !== 0x04034b50) throw new MembershipInputError("file", text(msg.notXlsx()));
  const tailLength = Math.min(file.size, 65_557);
  const tail = await file.read(file.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged("no end of central directory");
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > file.size) throw damaged("central directory out of the file");
  const cd = await file.read(cdOffset, cdSize);
  const entries: Entry[] = [];
  for (let p = 0, i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw damaged("bad central directory entry");
    const nameLength = cd.readUInt16LE(p + 28);
    entries.push({
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.toString("utf8", p + 46, p + 46 + nameLength),
    });
    if ((cd.readUInt16LE(p + 8) & 1) === 1) throw new MembershipInputError("file", text(msg.passwordProtected()));
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return entries;
}

/** Inflates an entry chunk by chunk, handing each chunk to `onData` (which may throw to stop). */
async function inflate(file: Bytes, e: Entry, onData: (chunk: Buffer) => void): Promise<void> {
  const local = await file.read(e.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw damaged(`bad local header of ${e.name}`);
  const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (e.compressedSize === 0) return;
  const raw = file.stream(start, e.compressedSize);
  if (e.method === 0) {
    for await (const c of raw) onData(c as Buffer);
    return;
  }
  if (e.method !== 8) throw damaged(`compression method ${e.method} of ${e.name}`);
  const z = createInflateRaw({ chunkSize: 64 * 1024 });
  raw.pipe(z);
  try {
    for await (const c of z) onData(c as Buffer);
  } catch (err) {
    if (err instanceof MembershipInputError) throw err;
    throw damaged(`${e.name}: ${(err as Error).message}`);
  } finally {
    raw.destroy();
    z.destroy();
  }
}

async function smallPart(file: Bytes, e: Entry | undefined, limits: ReadLimits, counter: { total: number }): Promise<string> {
  if (!e) return "";
  const parts: Buffer[] = [];
  let size = 0;
  await inflate(file, e, (c) => {
    size += c.length;
    counter.total += c.length;
    if (size > limits.maxSharedStringBytes) throw damaged(`${e.name} too large`);
    parts.push(c);
  });
  return Buffer.concat(parts).toString("utf8");
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/giu, (_, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
const attr = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`, "u").exec(attrs)?.[1];

function listSheets(workbook: string, rels: string): SheetInfo[] {
  const targets = new Map<string, string>();
  for (const r of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/gu)) {
    const id = attr(r[1]!, "Id");
    const target = attr(r[1]!, "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: SheetInfo[] = [];
  for (const s of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/gu)) {
    const a = s[1]!;
    const rid = /\s[\w.-]+:id\s*=\s*"([^"]*)"/u.exec(a)?.[1];
    const part = (rid && targets.get(rid)) ?? "";
    const state = attr(a, "state");
    sheets.push({
      name: unescapeXml(attr(a, "name") ?? "").normalize("NFC"),
      state: state === "hidden" || state === "veryHidden" ? state : "visible",
      part,
      id: /^xl\/worksheets\/sheet(\d+)\.xml$/u.exec(part)?.[1] ?? null,
    });
  }
  return sheets;
}

const sameName = (a: string, b: string) => a.normalize("NFC").trim().toLocaleLowerCase("vi") === b.normalize("NFC").trim().toLocaleLowerCase("vi");

/** Refuses what exceljs would choke on or blow memory with; returns the sheet to read. */
export async function scanXlsx(source: { path?: string; bytes?: Uint8Array; sheet?: string }, limits: ReadLimits): Promise<XlsxScan> {
  const file = await bytesOf(source);
  try {
    if (file.size > limits.maxFileBytes) throw new MembershipInputError("file", text(msg.fileTooLarge(file.size, limits.maxFileBytes)));
    const entries = await centralDirectory(file);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const counter = { total: 0 };
    const sheets = listSheets(await smallPart(file, byName.get("xl/workbook.xml"), limits, counter), await smallPart(file, byName.get("xl/_rels/workbook.xml.rels"), limits, counter));
    if (sheets.length === 0) throw damaged("no sheet in xl/workbook.xml");
    let chosen: SheetInfo | undefined;
    if (source.sheet !== undefined) {
      chosen = sheets.find((s) => sameName(s.name, source.sheet!));
      if (!chosen) throw new MembershipInputError("sheet", text(msg.sheetNotFound(source.sheet, sheets.map((s) => `"${s.name}"${s.state === "visible" ? "" : " (ẩn / hidden)"}`).join(", "))));
    } else {
      chosen = sheets.find((s) => s.state === "visible");
      if (!chosen) throw new MembershipInputError("file", text(msg.noVisibleSheet()));
    }
    if (chosen.id === null || !byName.has(chosen.part)) throw damaged(`sheet "${chosen.name}" is stored as "${chosen.part}"`);
    // Every entry is inflated and counted: the total and its ratio to the file's size are bounded.
    const checkTotal = () => {
      if (counter.total > limits.maxInflatedBytes) throw new MembershipInputError("file", text(msg.inflatedTooLarge(limits.maxInflatedBytes)));
      // Small workbooks compress well too: the ratio counts once the inflated size is worth it.
      if (counter.total > 16 * 1024 * 1024 && counter.total / file.size > limits.maxInflationRatio) {
        throw new MembershipInputError("file", text(msg.inflation(Math.round(counter.total / file.size), limits.maxInflationRatio)));
      }
    };
    for (const e of entries) {
      if (e.name === "xl/workbook.xml" || e.name === "xl/_rels/workbook.xml.rels" || e.name.endsWith("/")) continue;
      const isChosen = e.name === chosen.part;
      const isStrings = e.name === "xl/sharedStrings.xml";
      let entrySize = 0;
      let carry = "";
      let missingRef = false;
      await inflate(file, e, (c) => {
        entrySize += c.length;
        counter.total += c.length;
        if (isStrings && entrySize > limits.maxSharedStringBytes) throw new MembershipInputError("file", text(msg.sharedStringsTooLarge(limits.maxSharedStringBytes)));
        checkTotal();
        if (isChosen && !missingRef) {
          // A cell's start tag, cut at most at the chunk's end: keep the tail for the next chunk.
          const s = carry + c.toString("latin1");
          for (const m of s.matchAll(/<(?:\w+:)?c(?=[\s>/])([^>]*)>/gu)) if (!/\sr\s*=/u.test(m[1]!)) missingRef = true;
          const lastTag = s.lastIndexOf("<");
          carry = lastTag >= 0 && s.indexOf(">", lastTag) < 0 ? s.slice(Math.max(lastTag, s.length - 4096)) : "";
        }
      });
      if (missingRef) throw new MembershipInputError("file", text(msg.cellWithoutRef(chosen.name)));
    }
    return { sheets, chosen, chosenBy: source.sheet !== undefined ? "name" : "first" };
  } finally {
    await file.close();
  }
}
