// Small helpers for the router's SQL: numbered parameters and subtree conditions on org paths (0001, as
// the data layer's db/paths.ts: a byte-wise range on text_pattern_ops indexes). Accent-insensitive
// search: @orgboard/locale-vi's foldSql and foldedContains.
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
