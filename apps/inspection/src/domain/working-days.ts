// "Within N working days from date X" (trong thời hạn N ngày làm việc kể từ ngày X): X itself is not
// counted; the period ends on the N-th working day after X. Unlike @orgboard/locale-vi's addWorkingDays
// (which takes a set of holidays only), the calendar here also knows Saturdays made working days by a
// swap, which the official schedules of 2024 and 2025 have.
import { addDays, daysBetween, type IsoDate } from "@orgboard/locale-vi";
import { VIETNAM_CALENDAR, isWorkingDay, type WorkCalendar } from "./holidays.js";

/**
 * The N-th working day after `date` (N ≥ 0; N = 0 gives `date` itself). Throws RangeError for a negative
 * or non-integer N: a deadline is never counted backwards.
 */
export function addWorkingDays(date: IsoDate, workingDays: number, calendar: WorkCalendar = VIETNAM_CALENDAR): IsoDate {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`workingDays must be a non-negative integer, got ${workingDays}`);
  let current = date;
  let left = workingDays;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}

/**
 * Working days d with from < d ≤ to (`from` not counted, `to` counted): how many working days of a period
 * have been used on `to`. Negative (−count of to < d ≤ from) when `to` is before `from`.
 * Inverse of addWorkingDays: workingDaysBetween(x, addWorkingDays(x, n)) = n.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar = VIETNAM_CALENDAR): number {
  // 0 - n, not -n: no working day between reversed dates is 0, not -0 (which toBe/Object.is tell apart).
  if (to < from) return 0 - workingDaysBetween(to, from, calendar);
  const span = daysBetween(from, to);
  let count = 0;
  for (let i = 1; i <= span; i++) if (isWorkingDay(addDays(from, i), calendar)) count++;
  return count;
}

/** The first working day on or after `date` (a deadline falling on a day off moves to it). */
export function nextWorkingDay(date: IsoDate, calendar: WorkCalendar = VIETNAM_CALENDAR): IsoDate {
  let current = date;
  while (!isWorkingDay(current, calendar)) current = addDays(current, 1);
  return current;
}
