// The probe files of issue #11, generated (not checked in): awkward but real files a board has, each
// with what the import must do with it. `tsx test/corpus/generate.ts [dir] [orgCode]` writes them to a
// directory; test/import/corpus.test.ts runs each through the real import.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import iconv from "iconv-lite";
import { MEMBER_COLUMNS } from "../../src/import/template.js";

export interface Probe {
  file: string;
  /** what the import must do: store these members (full name → fields), or refuse with these words */
  expect: { stored: Record<string, Record<string, string>> } | { refused: RegExp[] };
  /** read options the probe is about (sheet by name, limits) */
  source?: { sheet?: string; limits?: Record<string, number> };
}

const KEYS = MEMBER_COLUMNS.map((c) => c.key);
const HEADERS = MEMBER_COLUMNS.map((c) => c.header);

/** A valid row for the org, as cells in template order (ID matching the birth date and gender). */
function row(orgCode: string, n: number, over: Record<string, string> = {}): string[] {
  const v: Record<string, string> = {
    fullName: "Nguyễn Văn An",
    birthDate: "15/04/1990",
    gender: "Nam",
    ethnicity: "Kinh",
    nationalId: `001090${String(770_000 + n).padStart(6, "0")}`,
    orgCode,
    status: "Chính thức",
    admittedOn: "03/02/2015",
    officialOn: "03/02/2016",
    partyCardNumber: "",
    joinedOrgOn: "",
    hometown: "Hà Nội",
    occupation: "Giáo viên",
    education: "12/12",
    ...over,
  };
  return KEYS.map((k) => v[k] ?? "");
}

const quote = (c: string, sep: string) => (c.includes(sep) || c.includes('"') || /[\r\n]/u.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
const csv = (rows: string[][], sep = ",") => rows.map((r) => r.map((c) => quote(c, sep)).join(sep)).join("\r\n") + "\r\n";

// ------------------------------------------------------------------------------------ legacy encodings

/** VNI Windows: a letter is an ASCII base and a byte for its hat and tone (the subset these names use). */
const VNI: Record<string, string> = {
  "ễ": "eã", "ắ": "aé", "ă": "aê", "â": "aâ", "ê": "eâ", "ô": "oâ", "ơ": "ô", "ư": "ö", "đ": "ñ", "Đ": "Ñ", "à": "aø", "á": "aù", "ộ": "oä",
  "ứ": "öù", "ị": "ò", "ạ": "aï", "ọ": "oï", "ề": "eà", "ế": "eá", "ồ": "oà", "ố": "oá", "ậ": "aä", "ì": "ì", "í": "í", "ư̛": "ö",
};
const toVni = (s: string) => Buffer.from([...s.normalize("NFC")].map((c) => VNI[c] ?? c).join(""), "latin1");

/**
 * Vietnamese as Windows-1258 holds it: letters with their hat, breve or horn (â ă ê ô ơ ư) precomposed,
 * the tone a combining mark after them.
 */
export function cp1258Form(s: string): string {
  return s.normalize("NFD").replace(/(\p{L})(\p{M}+)/gu, (_, base: string, marks: string) => {
    const hats = [...marks].filter((m) => "\u0302\u0306\u031b".includes(m)).join("");
    const tones = [...marks].filter((m) => !"\u0302\u0306\u031b".includes(m)).join("");
    return (base + hats).normalize("NFC") + tones;
  });
}

// ------------------------------------------------------------------------------------- XLSX by hand

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of deflated entries; `raw` entries give their deflated bytes, size and CRC already made. */
export function zip(entries: { name: string; data?: Buffer; raw?: { deflated: Buffer; size: number; crc: number } }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const deflated = e.raw ? e.raw.deflated : deflateRawSync(e.data!);
    const size = e.raw ? e.raw.size : e.data!.length;
    const crc = e.raw ? e.raw.crc : crc32(e.data!);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
const colName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

/** A sheet of inline strings; withRefs=false leaves out r= (as some generators do). */
function sheetXml(rows: string[][], withRefs = true): string {
  const body = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((c, j) => `<c${withRefs ? ` r="${colName(j)}${i + 1}"` : ""} t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join("")}</row>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

interface SheetSpec {
  name: string;
  hidden?: boolean;
  /** the sheet's XML (or rows to make it of) */
  xml?: string;
  rows?: string[][];
  /** its deflated XML made elsewhere (a bomb) */
  raw?: { deflated: Buffer; size: number; crc: number };
}

/** A workbook whose tabs are in the order given; the parts are numbered in reverse (tab order ≠ file order). */
export function xlsx(sheets: SheetSpec[], extra: { name: string; data?: Buffer; raw?: { deflated: Buffer; size: number; crc: number } }[] = []): Buffer {
  const n = sheets.length;
  const part = (i: number) => n - i; // the first tab is stored last
  const ct = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${part(i)}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const wb = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ""} r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${part(i)}.xml"/>`).join("")}</Relationships>`;
  return zip([
    { name: "[Content_Types].xml", data: Buffer.from(ct) },
    { name: "_rels/.rels", data: Buffer.from(rels) },
    { name: "xl/workbook.xml", data: Buffer.from(wb) },
    { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(wbRels) },
    ...extra,
    ...sheets
      .map((s, i) => ({ name: `xl/worksheets/sheet${part(i)}.xml`, ...(s.raw ? { raw: s.raw } : { data: Buffer.from(s.xml ?? sheetXml(s.rows ?? [])) }) }))
      .reverse(),
  ]);
}

/**
 * About `size` bytes of XML made of one repeated piece, deflated a MiB at a time without ever holding
 * them (a zip bomb). Its CRC is left 0: the import must refuse it before any reader checks one.
 */
export async function bomb(head: string, piece: string, tail: string, size: number): Promise<{ deflated: Buffer; size: number; crc: number }> {
  const unit = Buffer.from(piece.repeat(Math.ceil((1 << 20) / piece.length)));
  const count = Math.max(1, Math.floor(size / unit.length));
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => d.on("end", resolve).on("error", reject));
  const write = (b: Buffer) => (d.write(b) ? Promise.resolve() : new Promise((r) => d.once("drain", r)));
  await write(Buffer.from(head));
  for (let i = 0; i < count; i++) await write(unit);
  d.end(Buffer.from(tail));
  await done;
  return { deflated: Buffer.concat(out), size: head.length + count * unit.length + tail.length, crc: 0 };
}

/** Every probe of issue #11 for members of `orgCode`, written into `dir`. bombBytes: the bombs' inflated size. */
export async function generateCorpus(dir: string, orgCode: string, opts: { bombBytes?: number } = {}): Promise<Record<string, Probe>> {
  const bombBytes = opts.bombBytes ?? 64 * 1024 * 1024;
  mkdirSync(dir, { recursive: true });
  const probes: Record<string, Probe> = {};
  const put = (name: string, data: string | Buffer, expect: Probe["expect"], source?: Probe["source"]) => {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    probes[name] = { file, expect, ...(source ? { source } : {}) };
  };
  const r = (n: number, over: Record<string, string> = {}) => row(orgCode, n, over);

  // Encodings. CP1258 writes Vietnamese as a base letter and a combining tone: decomposed on purpose.
  const keysHeader = [...KEYS];
  const legacyRows = [keysHeader, r(1, { fullName: "Lò Văn Tày", ethnicity: "Tày", hometown: "Hà Nội", occupation: "Nông dân" })];
  put("cp1258-english-headers.csv", iconv.encode(cp1258Form(csv(legacyRows)), "windows1258"), {
    stored: { "Lò Văn Tày": { ethnicity: "Tày", hometown: "Hà Nội", occupation: "Nông dân" } },
  });
  put("tcvn3.csv", iconv.encode(csv([keysHeader, r(2, { fullName: "Đặng Văn Được", hometown: "Hà Nội", occupation: "Công nhân xây dựng" })]), "tcvn"), {
    refused: [/TCVN3/u, /Unicode/u],
  });
  put("vni.csv", toVni(csv([keysHeader, r(3, { fullName: "Nguyễn Văn Đức", hometown: "Bắc Ninh", occupation: "Cán bộ" })])), { refused: [/VNI/u, /Unicode/u] });
  const utf16Rows = [HEADERS, r(4, { fullName: "Hoàng Thị Lanh Tây", gender: "Nữ", nationalId: `001190${String(770_004).padStart(6, "0")}`, hometown: "Lạng Sơn" })];
  // Excel's "Unicode text": UTF-16 LE with BOM, tab-separated.
  put("utf16le-tab.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(utf16Rows, "\t"), "utf16le")]), { stored: { "Hoàng Thị Lanh Tây": { hometown: "Lạng Sơn" } } });
  const be = Buffer.from(csv([HEADERS, r(5, { fullName: "Vũ Văn Biên Huế", hometown: "Huế" })]), "utf16le").swap16();
  put("utf16be.csv", Buffer.concat([Buffer.from([0xfe, 0xff]), be]), { stored: { "Vũ Văn Biên Huế": { hometown: "Huế" } } });
  put("utf8-bom-semicolon.csv", "\uFEFF" + csv([HEADERS, r(6, { fullName: "Phạm Chung Chấm Phẩy", occupation: "Cán bộ, công chức" })], ";"), {
    stored: { "Phạm Chung Chấm Phẩy": { occupation: "Cán bộ, công chức" } },
  });
  put("invalid-utf8-late.csv", Buffer.concat([Buffer.from(csv([HEADERS, r(7), r(8)])), Buffer.from([0xc3, 0x28, 0x0d, 0x0a])]), { refused: [/UTF-8/u, /dòng 4/u] });

  // Shape.
  put("extra-cells.csv", csv([HEADERS, r(9)]) + r(10, { fullName: "Lê Văn Dũng" }).join(",").replace("Giáo viên", "Cán bộ, công chức") + "\r\n", {
    refused: [/dòng 3 có 15 ô, dòng tiêu đề có 14 cột/u, /row 3 has 15 cells/u],
  });
  put("fewer-cells.csv", csv([HEADERS, r(11)]) + r(12).slice(0, 10).join(",") + "\r\n", { refused: [/dòng 3 có 10 ô/u] });
  put("wide-row.csv", csv([HEADERS]) + [...r(13), ...Array.from({ length: 10_000 - 14 }, () => "x")].join(",") + "\r\n", { refused: [/dòng 2 có hơn 200 ô/u] });
  put("unclosed-quote.csv", csv([HEADERS, r(14)]) + r(15).join(",").replace("Hà Nội", '"Hà Nội') + "\r\n" + csv([r(16)]), {
    refused: [/dòng 3/u, /ngoặc kép/u, /never closed|out of place|opened/u],
  });

  // Normalization.
  put("nfd.csv", csv([HEADERS, r(17, { fullName: "Hờ A Mông", ethnicity: "H'Mông", hometown: "Điện Biên" })]).normalize("NFD"), {
    stored: { "Hờ A Mông": { ethnicity: "H'Mông", hometown: "Điện Biên" } },
  });
  put("zero-width.csv", csv([HEADERS, r(18, { ethnicity: "H'Mông\u200b" })]), { refused: [/dòng 2/u, /Dân tộc/u, /U\+200B ZERO WIDTH SPACE/u] });
  put("id-11-digits.csv", csv([HEADERS, r(19, { nationalId: "1090770019" + "9" })]), { refused: [/11 chữ số/u, /Excel đã bỏ số 0/u] });
  put("huge-cell.csv", csv([HEADERS, r(20, { orgCode: "X".repeat(10 * 1024 * 1024) })]), { refused: [/dòng 2/u, /Mã chi bộ/u, /vượt giới hạn/u] });

  // Workbooks.
  const visible = [HEADERS, ...Array.from({ length: 5 }, (_, i) => r(30 + i, { fullName: `Trần Văn Mới ${"ABCDE"[i]}` }))];
  const old = [HEADERS, ...Array.from({ length: 3 }, (_, i) => r(40 + i, { fullName: `Trần Văn Cũ ${"ABC"[i]}` }))];
  const stored = Object.fromEntries(visible.slice(1).map((x) => [x[0]!, {}]));
  put("hidden-first-sheet.xlsx", xlsx([{ name: "Cũ", hidden: true, rows: old }, { name: "Dữ liệu", rows: visible }]), { stored });
  put("sheet-by-name.xlsx", xlsx([{ name: "Dữ liệu", rows: visible }, { name: "Năm 2020", rows: old }]), { stored: Object.fromEntries(old.slice(1).map((x) => [x[0]!, {}])) }, { sheet: "năm 2020" });
  put("sheet-not-found.xlsx", xlsx([{ name: "Dữ liệu", rows: visible }]), { refused: [/không có trang "Danh sách"/u, /"Dữ liệu"/u] }, { sheet: "Danh sách" });
  put("cells-without-r.xlsx", xlsx([{ name: "Dữ liệu", xml: sheetXml(visible, false) }]), { refused: [/r=/u, /Excel/u] });
  put("password-protected.xlsx", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]), { refused: [/mật khẩu/u, /password/u] });
  put("renamed-csv.xlsx", csv([HEADERS, r(50)]), { refused: [/không phải \.xlsx/u, /renamed/u] });
  put("extra-cells.xlsx", xlsx([{ name: "Dữ liệu", rows: [HEADERS, [...r(51), "thừa"]] }]), { refused: [/dòng 2 có 15 ô/u] });
  const ssHead = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  put(
    "shared-strings-bomb.xlsx",
    xlsx([{ name: "Dữ liệu", rows: visible }], [{ name: "xl/sharedStrings.xml", raw: await bomb(ssHead, "<si><t>Nguyễn Văn An</t></si>", "</sst>", bombBytes) }]),
    { refused: [/chuỗi dùng chung/u, /shared-string/u] },
    { limits: { maxSharedStringBytes: Math.floor(bombBytes / 8) } },
  );
  const sheetHead = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  put(
    "rows-bomb.xlsx",
    xlsx([{ name: "Dữ liệu", raw: await bomb(sheetHead, '<row><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>', "</sheetData></worksheet>", bombBytes) }]),
    { refused: [/giải nén/u, /inflates/u] },
  );
  return probes;
}

// `tsx test/corpus/generate.ts [dir] [orgCode] [bombBytes]`: writes the corpus and lists it.
if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const dir = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), "import-corpus-"));
  const probes = await generateCorpus(dir, process.argv[3] ?? "CB-01", { bombBytes: process.argv[4] ? Number(process.argv[4]) : undefined });
  for (const [name, p] of Object.entries(probes)) console.log(`${name}\t${"stored" in p.expect ? "stored" : "refused"}`);
  console.log(dir);
}
