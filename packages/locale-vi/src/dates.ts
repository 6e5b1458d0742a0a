// Vietnamese date notation: dd/mm/yyyy (e.g. 02/09/1945). Dates are calendar dates: the API works on
// ISO strings "yyyy-mm-dd" so that no time zone can move a date by one day.

/** The time zone of every "today" and of every instant read as a calendar date. */
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

export type DateParseReason =
  | "empty"
  | "format"
  | "year_out_of_range"
  | "month_out_of_range"
  | "day_out_of_range"
  | "day_not_in_month"
  | "not_leap_year";

export type DateParseResult =
  | { ok: true; iso: string; year: number; month: number; day: number }
  | { ok: false; reason: DateParseReason; message: string };

export interface ParseDateOptions {
  /** Require two-digit day and month (02/09/1945). Default false: 2/9/1945 is accepted too. */
  requirePadding?: boolean;
  /** Smallest accepted year (default 1900). */
  minYear?: number;
  /** Largest accepted year (default 2100). */
  maxYear?: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Builds "yyyy-mm-dd". */
export function toIsoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Parses a Vietnamese date strictly: d/m/yyyy or dd/mm/yyyy with "/" only (no "-" or ".", no two-digit
 * years, no surrounding text), and the date must exist: 31/02/2024 is rejected naming the reason.
 */
export function parseDateVi(input: string, options: ParseDateOptions = {}): DateParseResult {
  const text = input.trim();
  const minYear = options.minYear ?? 1900;
  const maxYear = options.maxYear ?? 2100;
  if (text === "") return { ok: false, reason: "empty", message: "date is empty" };
  const pattern = options.requirePadding ? /^(\d{2})\/(\d{2})\/(\d{4})$/ : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  const m = pattern.exec(text);
  if (!m) {
    return {
      ok: false,
      reason: "format",
      message: `"${text}" is not a date in the form ${options.requirePadding ? "dd/mm/yyyy" : "d/m/yyyy or dd/mm/yyyy"}`,
    };
  }
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (year < minYear || year > maxYear) {
    return { ok: false, reason: "year_out_of_range", message: `year ${year} is outside ${minYear}–${maxYear}` };
  }
  if (month < 1 || month > 12) {
    return { ok: false, reason: "month_out_of_range", message: `month ${month} does not exist (1–12)` };
  }
  if (day < 1 || day > 31) {
    return { ok: false, reason: "day_out_of_range", message: `day ${day} does not exist (1–31)` };
  }
  const max = daysInMonth(year, month);
  if (day > max) {
    if (month === 2 && day === 29) {
      return { ok: false, reason: "not_leap_year", message: `${year} is not a leap year: February has 28 days` };
    }
    return {
      ok: false,
      reason: "day_not_in_month",
      message: `${pad(day, 2)}/${pad(month, 2)}/${year}: month ${month} of ${year} has ${max} days`,
    };
  }
  return { ok: true, iso: toIsoDate(year, month, day), year, month, day };
}

/** Parses an ISO calendar date "yyyy-mm-dd" with the same checks; for values that come from the API. */
export function parseIsoDate(input: string): DateParseResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!m) return { ok: false, reason: "format", message: `"${input}" is not a date in the form yyyy-mm-dd` };
  return parseDateVi(`${m[3]}/${m[2]}/${m[1]}`, { minYear: 1, maxYear: 9999 });
}

export interface FormatDateOptions {
  /** Time zone used to take the calendar date of a Date object (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
}

/**
 * Formats as dd/mm/yyyy. A string must be an ISO date ("yyyy-mm-dd", optionally followed by a time,
 * which is ignored); a Date is read in the given time zone (Vietnam by default). Throws on an invalid
 * input because formatting a value that was never a date is a programming error, not user input.
 */
export function formatDateVi(value: string | Date, options: FormatDateOptions = {}): string {
  if (typeof value === "string") {
    const parsed = parseIsoDate(value.slice(0, 10));
    if (!parsed.ok) throw new RangeError(`formatDateVi: ${parsed.message}`);
    return `${pad(parsed.day, 2)}/${pad(parsed.month, 2)}/${pad(parsed.year, 4)}`;
  }
  if (Number.isNaN(value.getTime())) throw new RangeError("formatDateVi: invalid Date");
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: options.timeZone ?? VIETNAM_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(value);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year").padStart(4, "0")}`;
}
