// Calendar dates as ISO strings "yyyy-mm-dd" (no time, no time zone), so that a date recorded in Hà Nội
// is never moved by a UTC conversion; "today" is the calendar date in Vietnam (Asia/Ho_Chi_Minh). Month arithmetic follows the Civil Code (Bộ luật Dân sự 2015,
// Art. 147): a period of N months ends on the same day-of-month N months later, or on the last day of
// that month when it has no such day (29/02/2024 + 12 months = 28/02/2025).
// Why not date-fns or a Temporal polyfill: both work on instants (Date) in a time zone; the rules here
// need plain calendar dates that compare as strings (also in SQL), and the few operations fit in this file.

import { VIETNAM_TIME_ZONE, daysInMonth, toIsoDate } from "./dates.js";

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const vietnamDay = new Intl.DateTimeFormat("en-CA", { timeZone: VIETNAM_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date of an instant in Vietnam ("yyyy-mm-dd"). */
export function dateInVietnam(instant: Date | number): IsoDate {
  return vietnamDay.format(instant);
}

/** Today's date in Vietnam ("yyyy-mm-dd"), whatever the machine's time zone. */
export function todayInVietnam(): IsoDate {
  return dateInVietnam(Date.now());
}

/** True for an existing calendar date in the form yyyy-mm-dd. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Splits an ISO date; throws RangeError for a malformed one (callers validate input first). */
export function dateParts(date: IsoDate): DateParts {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO calendar date: ${JSON.stringify(date)}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function yearOf(date: IsoDate): number {
  return dateParts(date).year;
}

export function startOfYear(year: number): IsoDate {
  return toIsoDate(year, 1, 1);
}

export function endOfYear(year: number): IsoDate {
  return toIsoDate(year, 12, 31);
}

/** Negative, zero or positive like a comparator (ISO strings compare lexically). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Adds months, clamping to the end of the target month (see the Civil Code rule above). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return toIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

function toEpochDay(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

function fromEpochDay(epochDay: number): IsoDate {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toEpochDay(date) * 86_400_000).getUTCDay();
}

/**
 * "Within N working days from date X" (trong thời hạn N ngày làm việc kể từ ngày X): the last day of
 * the period, counting Monday–Friday days after X that are not in `holidays`. X itself is not counted.
 * Lunar public holidays (Tết, Giỗ Tổ) move every year, so the caller passes the official calendar; with
 * none, the deadline is the earliest possible one.
 */
export function addWorkingDays(date: IsoDate, workingDays: number, holidays: ReadonlySet<IsoDate> = new Set()): IsoDate {
  let current = date;
  let left = workingDays;
  while (left > 0) {
    current = addDays(current, 1);
    const dow = dayOfWeek(current);
    if (dow !== 0 && dow !== 6 && !holidays.has(current)) left--;
  }
  return current;
}

/** Whole months from `from` to `to` (largest k with addMonths(from, k) ≤ to); negative if to < from. */
export function completedMonths(from: IsoDate, to: IsoDate): number {
  if (to < from) return -completedMonths(to, from);
  const a = dateParts(from);
  const b = dateParts(to);
  let k = (b.year - a.year) * 12 + (b.month - a.month);
  while (k > 0 && addMonths(from, k) > to) k--;
  return k;
}

/** Age in whole years ("đủ N tuổi") on a date; a 29 February birthday counts on 28 February. */
export function ageInYears(birthDate: IsoDate, on: IsoDate): number {
  return Math.trunc(completedMonths(birthDate, on) / 12);
}

/** Is `date` within [from, to] (both inclusive; null bounds are open)? */
export function isWithin(date: IsoDate, from: IsoDate | null, to: IsoDate | null): boolean {
  return (from === null || date >= from) && (to === null || date <= to);
}
