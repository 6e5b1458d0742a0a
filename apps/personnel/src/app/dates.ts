// Dates of record: "yyyy-mm-dd" on the wire, Prisma `@db.Date` columns (a Date at UTC midnight) here.
import { dateInVietnam } from "@orgboard/locale-vi";

export const toDbDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
export const fromDbDate = (d: Date): string => d.toISOString().slice(0, 10);
export const fromDbDateOrNull = (d: Date | null): string | null => (d ? fromDbDate(d) : null);
/** Today in Vietnam by the service's clock. */
export const todayOf = (ctx: { now: () => Date }): string => dateInVietnam(ctx.now());
