// Subtree filters on org paths (0001) in SQL: "X is in the subtree of P" = X starts with P, written as the
// byte-wise range [P, P with its trailing "/" bumped to "0") with text_pattern_ops' ~>=~ / ~<~, which uses
// the text_pattern_ops indexes with bound parameters (LIKE $1 || '%' cannot, under a generic plan) — the
// same trick as membership's report (apps/membership/src/db/paths.ts).
import { Prisma } from "../generated/prisma/client.js";

/** [lower, upper) bounds of the subtree of `path`. "/" (the whole country) covers every path. */
export function subtreeBounds(path: string): [string, string] {
  // "/" is 0x2F and "0" is 0x30: every path starting with P sorts before P[:-1] + "0".
  return [path, `${path.slice(0, -1)}0`];
}

/** `column` lies in the subtree of `path` (column is a trusted identifier, never input). */
export function inSubtree(column: string, path: string): Prisma.Sql {
  const [lo, hi] = subtreeBounds(path);
  const col = Prisma.raw(column);
  return Prisma.sql`(${col} ~>=~ ${lo} AND ${col} ~<~ ${hi})`;
}
