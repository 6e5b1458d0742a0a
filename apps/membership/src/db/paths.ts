// Subtree filters on org_path (0001): "X is in the subtree of P" = X starts with P. In SQL we use the
// text_pattern_ops operators ~>=~ / ~<~ as a byte-wise range [P, P with its trailing "/" bumped to "0"):
// it uses the text_pattern_ops indexes with bound parameters (LIKE $1 || '%' cannot, under a generic
// plan) and is independent of the database collation.
import { isValidOrgPath } from "../domain/org-tree.js";
import { MembershipInputError } from "./errors.js";
import { both } from "../domain/result.js";

/** [lower, upper) bounds of the subtree of `path`. "/" (the whole country) covers every path. */
export function subtreeBounds(path: string): [string, string] {
  // "/" is 0x2F and "0" is 0x30: every path starting with P sorts before P[:-1] + "0".
  return [path, `${path.slice(0, -1)}0`];
}

/** SQL condition for column `col` inside the subtree given by parameters $lo, $hi. */
export function inSubtree(col: string, lo: number, hi: number): string {
  return `(${col} ~>=~ $${lo} AND ${col} ~<~ $${hi})`;
}

export function assertOrgPath(path: unknown, field = "orgPath"): string {
  if (typeof path !== "string" || !isValidOrgPath(path)) {
    throw new MembershipInputError(field, both(`"${String(path)}" không phải đường dẫn tổ chức dạng /01/ hoặc /01/01-00004/`, `"${String(path)}" is not an organization path like /01/ or /01/01-00004/`));
  }
  return path;
}
