// Dates of record are calendar dates "yyyy-mm-dd" (no time zone) on the wire and Prisma `@db.Date`
// columns (a Date at UTC midnight) in the database.
import { dateInVietnam } from "@orgboard/locale-vi";

/** A "yyyy-mm-dd" as the Date Prisma stores in a DATE column. */
export const toDbDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/** A DATE column's value back to "yyyy-mm-dd". */
export const fromDbDate = (d: Date): string => d.toISOString().slice(0, 10);
export const fromDbDateOrNull = (d: Date | null): string | null => (d ? fromDbDate(d) : null);

/** Today in Vietnam by the service's clock. */
export const todayOf = (ctx: { now: () => Date }): string => dateInVietnam(ctx.now());

/** Prisma `where` for a DATE column inside a calendar year. */
export const yearRange = (year: number) => ({ gte: toDbDate(`${year}-01-01`), lte: toDbDate(`${year}-12-31`) });
