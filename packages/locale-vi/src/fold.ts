// Accent folding for search and sort keys: "Hòa Bình", "HOÀ BÌNH" and "hoa binh" meet. The same fold
// in JavaScript (foldVietnamese) and in SQL (foldSql: a translate() table, which PostgreSQL and PGlite
// both have; neither ICU nor the unaccent extension is needed), so a folded column and a folded search
// text compare equal.

/** Folds for accent-insensitive search: no tone or letter marks, đ → d, lower case, single spaces. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Escapes LIKE's wildcards and its escape character (backslash), so the text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching the folded search text anywhere (compare it with a foldSql expression). */
export function foldedContains(text: string): string {
  return `%${escapeLike(foldVietnamese(text))}%`;
}

/**
 * translate() table folding Vietnamese (and other Latin) letters to bare lower-case ASCII, like
 * foldVietnamese() letter by letter: upper-case ASCII and every letter of U+00C0–U+024F and
 * U+1E00–U+1EFF that folds to one a–z letter.
 */
export const FOLD_TRANSLATE: { readonly from: string; readonly to: string } = (() => {
  let from = "";
  let to = "";
  const add = (ch: string, f: string) => {
    from += ch;
    to += f;
  };
  for (let c = 0x41; c <= 0x5a; c++) add(String.fromCharCode(c), String.fromCharCode(c + 32));
  for (const [lo, hi] of [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ] as const) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      const f = foldVietnamese(ch);
      if (/^[a-z]$/.test(f) && f !== ch) add(ch, f);
    }
  }
  return { from, to };
})();

/** Hands out a query placeholder for a value (e.g. `$3`), as a query builder's parameter list does. */
export interface SqlParams {
  add(value: unknown): string;
}

/** SQL expression: `expr` folded for accent- and case-insensitive matching (two bound parameters). */
export function foldSql(expr: string, params: SqlParams): string {
  return `translate(${expr}, ${params.add(FOLD_TRANSLATE.from)}, ${params.add(FOLD_TRANSLATE.to)})`;
}
