// A committee's, standing committee's or commission's yearly inspection and supervision program
// (chương trình kiểm tra, giám sát năm): planned items (subject, content, quarter) and their completion.
// Source: QĐ 296-QĐ/TW 2025 and Hướng dẫn 08-HD/TW 2025 (programs are adopted for the year, items by
// quarter); docs/inspection.md, "Rules".
import { dateParts, isIsoDate, toIsoDate, endOfYear, type IsoDate } from "@orgboard/locale-vi";
import { violation, type Violation } from "./errors.js";

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The quarter a date falls in (January–March = 1). */
export function quarterOf(date: IsoDate): Quarter {
  return (Math.floor((dateParts(date).month - 1) / 3) + 1) as Quarter;
}

/** First and last day of a quarter. */
export function quarterRange(year: number, quarter: Quarter): { from: IsoDate; to: IsoDate } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = [31, 30, 30, 31][quarter - 1] ?? 31;
  return { from: toIsoDate(year, firstMonth, 1), to: toIsoDate(year, lastMonth, lastDay) };
}

export interface ProgramItemInput {
  quarter: number;
  /** the day the item was carried out (its inspection/supervision concluded), null while open */
  completedOn: IsoDate | null;
}

/**
 * An item belongs to its program's year: quarter 1–4; a completion date, when given, a real date not
 * before the program's year (work may finish late, in the next year, but not before it began).
 */
export function checkProgramItem(item: ProgramItemInput, programYear: number): Violation[] {
  const out: Violation[] = [];
  if (!isQuarter(item.quarter)) out.push(violation("quarter", "invalid_quarter", "Quý phải là 1, 2, 3 hoặc 4", "The quarter must be 1, 2, 3 or 4"));
  if (item.completedOn !== null) {
    if (!isIsoDate(item.completedOn)) out.push(violation("completedOn", "invalid_date", "Ngày không hợp lệ (yyyy-mm-dd)", "Not a valid date (yyyy-mm-dd)"));
    else if (dateParts(item.completedOn).year < programYear) {
      out.push(violation("completedOn", "completed_before_program_year", `Ngày hoàn thành trước năm ${programYear} của chương trình`, `Completed before the program's year ${programYear}`));
    }
  }
  return out;
}

/** Completed on or before `asOf` (default: whenever). */
export function isItemCompleted(item: Pick<ProgramItemInput, "completedOn">, asOf?: IsoDate): boolean {
  return item.completedOn !== null && (asOf === undefined || item.completedOn <= asOf);
}

/** Not completed by `asOf` although its quarter has ended. */
export function isItemOverdue(item: ProgramItemInput, programYear: number, asOf: IsoDate): boolean {
  if (!isQuarter(item.quarter) || isItemCompleted(item, asOf)) return false;
  return asOf > quarterRange(programYear, item.quarter).to;
}

/**
 * Percent with one decimal, rounded half up in integer arithmetic (17/20 → 85; 2/3 → 66.7); null for no
 * items (nothing planned is not 0 % done).
 */
export function completionPercent(completed: number, items: number): number | null {
  if (items <= 0) return null;
  return Math.floor((completed * 1000 * 2 + items) / (items * 2)) / 10;
}

export interface ProgramCompletion {
  items: number;
  completed: number;
  percent: number | null;
}

/**
 * Completion of a year's items as of a day (default: the end of `programYear`; items completed later
 * count only when `asOf` is later): the report's `program` figure.
 */
export function programCompletion(items: readonly Pick<ProgramItemInput, "completedOn">[], programYear: number, asOf: IsoDate = endOfYear(programYear)): ProgramCompletion {
  const completed = items.filter((i) => isItemCompleted(i, asOf)).length;
  return { items: items.length, completed, percent: completionPercent(completed, items.length) };
}
