// Dates of record are calendar dates "yyyy-mm-dd" (no time zone) on the wire and Prisma `@db.Date`
// columns (a Date at UTC midnight) in the database: the conversions are @orgboard/db's, shared by every
// service (docs/decisions/0010-ids-and-dates.md).
import { toDbDate } from "@orgboard/db";
import { dateInVietnam } from "@orgboard/locale-vi";

export { fromDbDate, fromDbDateOrNull, toDbDate } from "@orgboard/db";

/** Today in Vietnam by the service's clock. */
export const todayOf = (ctx: { now: () => Date }): string => dateInVietnam(ctx.now());

/** Prisma `where` for a DATE column inside a calendar year. */
export const yearRange = (year: number) => ({ gte: toDbDate(`${year}-01-01`), lte: toDbDate(`${year}-12-31`) });
