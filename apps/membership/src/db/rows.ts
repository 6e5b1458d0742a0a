// Row types of the raw SQL that stays (the measured hot paths: the report's counters, the KPI snapshot,
// the counters' triggers), derived from Prisma's generated models instead of written by hand: a column
// renamed or retyped in prisma/schema.prisma breaks the compile of every query that reads it.
// Columns are the snake_case of the models' field names (this schema's @map convention, checked for the
// models used here by test/unit/rows.test.ts). TypedSQL (`prisma generate --sql`) would check the SQL
// itself, but it needs a live database at generation time, which the offline toolchain does not give
// (/work/shared/prisma-offline.md).

/** "madeOfficial" → "made_official". */
export type SnakeCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}` : S;

/** A model's fields under their column names, typed as Prisma types them. */
export type ColumnsOf<M> = { [K in keyof M & string as SnakeCase<K>]: M[K] };

/**
 * A raw query's row holding columns `C` of model `M` (selected under their column names). Only for
 * integer, text and boolean columns: the raw drivers hand DATE columns over as "yyyy-mm-dd" strings and
 * BIGINTs as strings, where Prisma gives Date and bigint.
 */
export type RowOf<M, C extends keyof ColumnsOf<M>> = Pick<ColumnsOf<M>, C>;

/** Runtime twin of SnakeCase, for SQL built from field names. */
export const snakeCase = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A model's fields as either reader hands them over: Prisma gives DATE columns as Date, the raw `Sql`
 * layer as "yyyy-mm-dd" (db/sql.ts), so views built on this type take both (fromDbDate reads either).
 */
export type EitherReader<M> = { [K in keyof M]: M[K] extends Date ? Date | string : M[K] extends Date | null ? Date | string | null : M[K] };

/** A SELECT list reading `fields` of the table aliased `alias` under their Prisma field names (`t.member_id AS "memberId"`). */
export function selectFields<M>(alias: string, fields: readonly (keyof M & string)[]): string {
  return fields.map((f) => `${alias}.${snakeCase(f)} AS "${f}"`).join(", ");
}
