// Small helpers for the router's SQL: numbered parameters, subtree conditions on org paths (0001, as
// the data layer's db/paths.ts: a byte-wise range on text_pattern_ops indexes), and accent-insensitive
// search.
import { foldVietnamese } from "@orgboard/admin-units";
import { subtreeBounds } from "../db/paths.js";

export class Params {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder ($n). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `col` inside any of the subtrees. No prefixes ⇒ FALSE (default deny: an empty scope sees nothing);
 * "/" ⇒ TRUE.
 */
export function inSubtrees(col: string, prefixes: readonly string[], p: Params): string {
  if (prefixes.length === 0) return "FALSE";
  if (prefixes.includes("/")) return "TRUE";
  return `(${prefixes
    .map((prefix) => {
      const [lo, hi] = subtreeBounds(prefix);
      return `(${col} ~>=~ ${p.add(lo)} AND ${col} ~<~ ${p.add(hi)})`;
    })
    .join(" OR ")})`;
}

// translate() table folding Vietnamese (and other Latin) letters to bare lower-case ASCII, like
// foldVietnamese(): works the same on PostgreSQL and on PGlite (no ICU, no unaccent extension).
const FOLD: [string, string] = (() => {
  let from = "";
  let to = "";
  const add = (ch: string, f: string) => {
    from += ch;
    to += f;
  };
  for (let c = 0x41; c <= 0x5a; c++) add(String.fromCharCode(c), String.fromCharCode(c + 32));
  for (const [lo, hi] of [[0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      const f = foldVietnamese(ch);
      if (/^[a-z]$/.test(f) && f !== ch) add(ch, f);
    }
  }
  return [from, to];
})();

/** SQL expression: `expr` folded for accent- and case-insensitive matching. */
export function foldSql(expr: string, p: Params): string {
  return `translate(${expr}, ${p.add(FOLD[0])}, ${p.add(FOLD[1])})`;
}

/** A LIKE pattern matching the folded search text anywhere. */
export function foldedContains(text: string): string {
  return `%${foldVietnamese(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
