// Typing raw SQL from Prisma's generated models instead of by hand (services' measured hot paths): a
// column renamed or retyped in a schema breaks the compile of every query that names it. Columns are the
// snake_case of the models' field names (the services' @map convention). Moved here from membership's
// db/rows.ts when personnel needed it too.

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
export const snakeCase = <S extends string>(field: S): SnakeCase<S> => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as SnakeCase<S>;

/** The column of field `f` of model `M`, checked against the model at compile time: `columnOf<Cadre>()("birthDate")`. */
export const columnOf =
  <M>() =>
  <F extends keyof M & string>(f: F): SnakeCase<F> =>
    snakeCase(f);

/**
 * [lower, upper) bounds of the org-path subtree of `path` (0001) for `col ~>=~ lo AND col ~<~ hi`, which
 * uses text_pattern_ops indexes with bound parameters (LIKE $1 || '%' cannot under a generic plan): "/" is
 * 0x2F and "0" is 0x30, so every path starting with P sorts before P[:-1] + "0".
 */
export function subtreeBounds(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}
