// Row types of the raw SQL that stays (the measured hot paths: the report's counters, the KPI snapshot,
// the counters' triggers), derived from Prisma's generated models instead of written by hand: a column
// renamed or retyped in prisma/schema.prisma breaks the compile of every query that reads it.
// Columns are the snake_case of the models' field names (this schema's @map convention, checked for the
// models used here by test/unit/rows.test.ts). TypedSQL (`prisma generate --sql`) would check the SQL
// itself, but it needs a live database at generation time, which the offline toolchain does not give
// (/work/shared/prisma-offline.md).

// SnakeCase, ColumnsOf, RowOf and snakeCase live in @orgboard/db (personnel reads its hot path the same way).
import { snakeCase } from "@orgboard/db";
export { snakeCase, type ColumnsOf, type RowOf, type SnakeCase } from "@orgboard/db";

/**
 * A model's fields as either reader hands them over: Prisma gives DATE columns as Date, the raw `Sql`
 * layer as "yyyy-mm-dd" (db/sql.ts), so views built on this type take both (fromDbDate reads either).
 */
export type EitherReader<M> = { [K in keyof M]: M[K] extends Date ? Date | string : M[K] extends Date | null ? Date | string | null : M[K] };

/** A SELECT list reading `fields` of the table aliased `alias` under their Prisma field names (`t.member_id AS "memberId"`). */
export function selectFields<M>(alias: string, fields: readonly (keyof M & string)[]): string {
  return fields.map((f) => `${alias}.${snakeCase(f)} AS "${f}"`).join(", ");
}
