// The one message catalogue: every message a user reads, Vietnamese first, then English. Used by the
// import's row errors, the CLI, the API's field errors (zod issues, see zodIssueMessage) and the dashboard,
// so the same problem reads the same everywhere. Pure ESM with no Node built-ins: browsers import it too.
import { z } from "zod";

/** A message in both languages. */
export interface Message {
  vi: string;
  en: string;
}

/** "<vi> / <en>", the house form (the same as bilingual() of @orgboard/server-kit). */
export const text = (m: Message): string => `${m.vi} / ${m.en}`;

const m = (vi: string, en: string): Message => ({ vi, en });

/** A cell as a message may quote it: never more than `max` characters (a 10 MB cell is not echoed). */
export function preview(value: string, max = 40): string {
  if (value.length <= max) return value;
  // Cut at a code point, never through a surrogate pair; the length in UTF-16 units is near enough.
  const head = Array.from(value.slice(0, max + 1)).slice(0, max).join("");
  return `${head}… (${value.length} ký tự / characters)`;
}

const n = (x: number) => x.toLocaleString("vi-VN");

/** Names of the invisible characters people paste from Word, the web or Excel. */
const HIDDEN_NAMES: Record<number, string> = {
  0x00ad: "SOFT HYPHEN",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2060: "WORD JOINER",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE (BOM)",
};
/** "U+200B ZERO WIDTH SPACE" */
export function hiddenCharName(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = HIDDEN_NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? "CONTROL CHARACTER" : (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ? "BIDI CONTROL" : "FORMAT CHARACTER");
  return `${hex} ${name}`;
}

/** How to save a file so that the import reads it (said after every encoding refusal). */
const SAVE_AS = m(
  'Hãy mở tệp và lưu lại dạng "CSV UTF-8 (Comma delimited)" hoặc .xlsx',
  'open the file and save it again as "CSV UTF-8 (Comma delimited)" or .xlsx',
);

export const importMessages = {
  unknownFormat: (name: string) => m(`không nhận ra định dạng của "${name}": hãy dùng tệp .csv hoặc .xlsx`, `cannot tell the format of "${name}": use a .csv or .xlsx file`),
  noFile: () => m("chưa chọn tệp", "no file given"),
  fileTooLarge: (size: number, max: number) =>
    m(`tệp nặng ${n(size)} byte, vượt giới hạn ${n(max)} byte: hãy chia tệp thành nhiều phần`, `the file is ${size} bytes, over the limit of ${max} bytes: split it into several files`),
  emptyFile: () => m("tệp rỗng: dòng đầu tiên phải là dòng tiêu đề", "the file is empty: the first row must be the header"),
  emptyWorkbook: (sheet: string) => m(`trang "${sheet}" rỗng: dòng 1 phải là dòng tiêu đề`, `sheet "${sheet}" is empty: row 1 must be the header`),
  notAColumn: (index: number, header: string) =>
    m(`cột ${index} "${preview(header)}" không có trong mẫu (xem docs/import-template.md)`, `column ${index} "${preview(header)}" is not a column of this template (see docs/import-template.md)`),
  notAColumnSeparator: (index: number, header: string, separator: string) =>
    m(
      `cột ${index} "${preview(header)}" không có trong mẫu; tiêu đề chứa dấu ${separator}: tệp có thể dùng dấu ${separator} để phân cách cột. Hãy lưu lại dạng "CSV UTF-8 (Comma delimited)"`,
      `column ${index} "${preview(header)}" is not a column of this template; the header holds ${separator} characters: the file may separate its columns with ${separator}. Save it again as "CSV UTF-8 (Comma delimited)"`,
    ),
  notAColumnEncoding: (index: number, header: string) =>
    m(
      `cột ${index} "${preview(header)}" không có trong mẫu; tiêu đề chứa ký tự lạ: tệp có thể không được lưu bằng UTF-8. ${SAVE_AS.vi}`,
      `column ${index} "${preview(header)}" is not a column of this template; the header holds unexpected characters: the file may not be saved as UTF-8. ${SAVE_AS.en}`,
    ),
  columnTwice: (header: string) => m(`cột "${preview(header)}" xuất hiện hai lần`, `column "${preview(header)}" appears twice`),
  missingColumns: (list: string) => m(`thiếu cột bắt buộc: ${list}`, `missing required column(s): ${list}`),
  legacyEncoding: (encoding: string) =>
    m(
      `tệp được lưu bằng bảng mã ${encoding}, không phải Unicode: chưa thể đọc đúng chữ Việt của bảng mã này. Hãy chuyển sang Unicode (ví dụ: Unikey, Công cụ chuyển mã, ${encoding} → Unicode), rồi lưu dạng "CSV UTF-8 (Comma delimited)" hoặc .xlsx`,
      `the file is saved in the ${encoding} encoding, not Unicode: its Vietnamese letters cannot be read reliably. Convert it to Unicode (e.g. Unikey's converter, ${encoding} → Unicode), then save it as "CSV UTF-8 (Comma delimited)" or .xlsx`,
    ),
  unknownEncoding: () =>
    m(`tệp không được lưu bằng UTF-8 và không nhận ra bảng mã. ${SAVE_AS.vi}`, `the file is not saved as UTF-8 and its encoding is not recognized. ${SAVE_AS.en}`),
  invalidUtf8: (row: number) =>
    m(`dòng ${row}: có byte không hợp lệ trong UTF-8 (tệp lưu bằng bảng mã khác?). ${SAVE_AS.vi}`, `row ${row}: bytes that are not valid UTF-8 (is the file in another encoding?). ${SAVE_AS.en}`),
  decoded: (encoding: string, separator: string) => m(`đã đọc tệp bảng mã ${encoding}, dấu phân cách ${separator}`, `read the file as ${encoding}, separator ${separator}`),
  unclosedQuote: (row: number) =>
    m(
      `dòng ${row}: có dấu ngoặc kép (") mở mà không đóng. Hãy đóng dấu ngoặc kép trong ô đó, hoặc viết "" cho một dấu ngoặc kép trong ô`,
      `row ${row}: a quote (") is opened and never closed. Close the quote in that cell, or write "" for a quote inside a cell`,
    ),
  badQuote: (row: number) =>
    m(
      `dòng ${row}: dấu ngoặc kép (") đặt sai chỗ trong ô. Ô có dấu phẩy phải nằm trong ngoặc kép, và dấu ngoặc kép trong ô viết là ""`,
      `row ${row}: a quote (") out of place in a cell. A cell holding a comma must be quoted, and a quote inside a cell is written ""`,
    ),
  unreadableCsv: (row: number, detail: string) => m(`dòng ${row}: không đọc được tệp CSV (${preview(detail, 120)})`, `row ${row}: not a readable CSV file (${preview(detail, 120)})`),
  rowShape: (row: number, cells: number, header: number, separator: string) =>
    m(
      `dòng ${row} có ${n(cells)} ô, dòng tiêu đề có ${header} cột: kiểm tra dấu ${separator} trong các ô (ô có dấu ${separator} phải nằm trong ngoặc kép) và các ô thừa hoặc thiếu`,
      `row ${row} has ${cells} cells, the header has ${header} columns: check for ${separator} inside cells (a cell holding one must be quoted) and for extra or missing cells`,
    ),
  tooManyRows: (max: number) =>
    m(`tệp có hơn ${n(max)} dòng dữ liệu, vượt giới hạn: hãy chia tệp thành nhiều phần`, `the file has more than ${max} data rows, over the limit: split it into several files`),
  tooManyCells: (row: number, max: number) =>
    m(`dòng ${row} có hơn ${n(max)} ô, vượt giới hạn`, `row ${row} has more than ${max} cells, over the limit`),
  cellTooLong: (row: number, column: string, length: number, max: number, start: string) =>
    m(
      `dòng ${row}, cột ${column}: ô dài ${n(length)} ký tự, vượt giới hạn ${n(max)} ("${preview(start)}")`,
      `row ${row}, column ${column}: the cell is ${length} characters long, over the limit of ${max} ("${preview(start)}")`,
    ),
  hiddenChar: (row: number, column: string, name: string) =>
    m(
      `dòng ${row}, cột ${column}: có ký tự ẩn ${name}; hãy xoá nó (thường do sao chép từ Word hoặc trang web)`,
      `row ${row}, column ${column}: holds the hidden character ${name}; delete it (usually pasted from Word or a web page)`,
    ),
  nationalId11: () =>
    m(
      "có 11 chữ số: Excel đã bỏ số 0 ở đầu. Hãy định dạng cột là Text (Văn bản) và nhập lại đủ 12 chữ số",
      "has 11 digits: Excel dropped the leading zero. Format the column as Text and type all 12 digits again",
    ),
  // XLSX
  passwordProtected: () =>
    m(
      "tệp được đặt mật khẩu (hoặc là tệp .xls cũ): hãy mở bằng Excel, bỏ mật khẩu (File → Info → Protect Workbook) rồi lưu dạng .xlsx",
      "the file is password-protected (or an old .xls): open it in Excel, remove the password (File → Info → Protect Workbook) and save it as .xlsx",
    ),
  notXlsx: () =>
    m("tệp không phải .xlsx (có thể đã đổi tên phần mở rộng): hãy mở bằng Excel và lưu dạng .xlsx", "the file is not an .xlsx workbook (renamed?): open it in Excel and save it as .xlsx"),
  damagedXlsx: (detail: string) =>
    m(`tệp .xlsx bị hỏng hoặc có cấu trúc lạ (${preview(detail, 120)}): hãy mở bằng Excel và lưu lại`, `the .xlsx file is damaged or unusual (${preview(detail, 120)}): open it in Excel and save it again`),
  sheetNotFound: (name: string, sheets: string) => m(`không có trang "${preview(name)}"; các trang: ${sheets}`, `no sheet "${preview(name)}"; the sheets are: ${sheets}`),
  noVisibleSheet: () => m("tệp không có trang nào đang hiện", "the workbook has no visible sheet"),
  sheetChosen: (name: string, by: "name" | "first") =>
    by === "name" ? m(`đọc trang "${name}" (đã chọn theo tên)`, `reading sheet "${name}" (chosen by name)`) : m(`đọc trang "${name}" (trang hiện đầu tiên)`, `reading sheet "${name}" (the first visible sheet)`),
  cellWithoutRef: (sheet: string) =>
    m(
      `trang "${sheet}" có ô thiếu địa chỉ (thuộc tính r=), do phần mềm khác tạo: hãy mở bằng Excel và lưu lại`,
      `sheet "${sheet}" has cells lacking their reference (r=), written by another program: open the file in Excel and save it again`,
    ),
  inflation: (ratio: number, max: number) =>
    m(`tệp .xlsx giải nén ra quá lớn (gấp ${n(ratio)} lần, giới hạn ${n(max)} lần): bị từ chối`, `the .xlsx file inflates too much (${ratio}×, limit ${max}×): refused`),
  inflatedTooLarge: (max: number) =>
    m(`tệp .xlsx giải nén ra hơn ${n(max)} byte, vượt giới hạn: hãy chia tệp`, `the .xlsx file inflates to more than ${max} bytes, over the limit: split it`),
  sharedStringsTooLarge: (max: number) =>
    m(`bảng chuỗi dùng chung của tệp .xlsx vượt ${n(max)} byte: hãy chia tệp`, `the .xlsx shared-string table is over ${max} bytes: split the file`),
  tooManyProblems: (shown: number) =>
    m(`dừng sau ${n(shown)} lỗi đầu tiên; các dòng sau chưa được kiểm tra`, `stopped after the first ${shown} problems; the rows after them were not checked`),
  moreProblems: (more: number) => m(`và ${n(more)} lỗi khác`, `and ${more} more`),
};

/** Reasons of a cell of a member row; the row and the column are said by the report around them. */
export const rowMessages = {
  required: () => m("bắt buộc, không được để trống", "is required"),
  requiredDate: () => m("bắt buộc (dd/mm/yyyy)", "is required (dd/mm/yyyy)"),
  tooLong: (max: number) => m(`dài tối đa ${max} ký tự`, `must be at most ${max} characters`),
  nameLetters: () => m("chỉ gồm chữ cái và dấu cách", "must contain letters and spaces only"),
  gender: (got: string) => m(`phải là Nam hoặc Nữ, đang là "${preview(got)}"`, `must be Nam or Nữ, got "${preview(got)}"`),
  status: (got: string) => m(`phải là "Chính thức" hoặc "Dự bị", đang là "${preview(got)}"`, `must be "Chính thức" or "Dự bị", got "${preview(got)}"`),
  orgCode: () => m("không phải mã tổ chức (chữ, số, . -)", "is not an organization code (letters, digits, . -)"),
  cardNumber: () => m("gồm 4–20 chữ số hoặc chữ cái", "must be 4–20 digits or letters"),
  /** A date that does not parse; `en` is @orgboard/locale-vi's precise wording. */
  date: (reason: string, en: string) =>
    m(
      reason === "format"
        ? "không phải ngày dạng dd/mm/yyyy"
        : reason === "year_out_of_range"
          ? "năm nằm ngoài khoảng cho phép"
          : reason === "not_leap_year"
            ? "năm này không nhuận: tháng 2 có 28 ngày"
            : "ngày không có thật",
      `${en} (expected dd/mm/yyyy)`,
    ),
  /** A national ID refused by @orgboard/locale-vi; `en` is its precise wording. */
  nationalId: (reason: string, en: string) =>
    m(
      reason === "not_digits"
        ? "số định danh chỉ gồm chữ số"
        : reason === "wrong_length"
          ? "số định danh phải có 12 chữ số"
          : reason === "unknown_province_code"
            ? "3 số đầu không phải mã tỉnh (001–096)"
            : "số định danh không khớp với năm sinh hoặc giới tính",
      en,
    ),
  future: () => m("là ngày trong tương lai", "is in the future"),
  underAge: (years: number) => m(`đảng viên chưa đủ ${years} tuổi vào ngày vào Đảng`, `the member was under ${years} on the admission date`),
  officialRequired: () => m("bắt buộc với đảng viên chính thức", "is required for an official member (Chính thức)"),
  officialTooEarly: (months: number) => m(`phải sau ngày vào Đảng ít nhất ${months} tháng`, `must be at least ${months} months after the admission date`),
  officialForProbationary: () => m("phải để trống với đảng viên dự bị", "must be empty for a probationary member (Dự bị)"),
  beforeAdmission: () => m("trước ngày vào Đảng", "is before the admission date"),
};

export const apiMessages = {
  invalidInput: () => m("Dữ liệu không hợp lệ", "Invalid input"),
  input: () => m("dữ liệu", "input"),
};

const viLocale = z.locales.vi().localeError;

interface ZodIssueLike {
  code?: unknown;
  message?: unknown;
}

const localeText = (map: typeof viLocale, issue: ZodIssueLike): string | undefined => {
  const r = map(issue as Parameters<typeof viLocale>[0]);
  const s = typeof r === "string" ? r : r?.message;
  // The input is not kept on the issue: drop "received undefined".
  return s?.replace(/, (nhận được|received) undefined$/, "");
};

/**
 * A zod issue as a message, Vietnamese first: zod's Vietnamese wording of the issue (its code, what was
 * expected), then the issue's English message (zod's, or the schema's own, more precise). A message
 * already bilingual ("… / …") is kept.
 */
export function zodIssueMessage(issue: ZodIssueLike): string {
  const message = typeof issue.message === "string" ? issue.message : "invalid value";
  if (message.includes(" / ")) return message;
  if (typeof issue.code !== "string") return message;
  let vi = localeText(viLocale, issue) ?? "Giá trị không hợp lệ";
  // The issue no longer holds the input, but zod's own English said when it was missing.
  if (message.endsWith(", received undefined")) vi += " (chưa có giá trị)";
  return text(m(vi, message));
}
