// Dates and instants between the wire and Prisma (docs/decisions/0010-ids-and-dates.md): a date of record
// is "yyyy-mm-dd" on the wire and a DATE column in the database, which Prisma hands over as a Date at UTC
// midnight; an instant is an ISO 8601 string in UTC on the wire and a timestamptz(3) column. Every
// service converts with these, so no one slices toISOString() by hand or shifts a date by a time zone.

/** A "yyyy-mm-dd" as the Date Prisma writes into a DATE column (UTC midnight of that day). */
export const toDbDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/** A DATE column's value back to "yyyy-mm-dd" (Prisma gives UTC midnight; raw pg may give the string). */
export const fromDbDate = (d: Date | string): string => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export const fromDbDateOrNull = (d: Date | string | null): string | null => (d === null ? null : fromDbDate(d));

/** A timestamptz column's value as the wire's ISO instant ("2026-11-20T03:04:05.678Z"). */
export const toIsoInstant = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();
