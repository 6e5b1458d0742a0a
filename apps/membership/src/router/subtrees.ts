// Subtree conditions on org paths for Prisma `where` (0001): "in the subtree of P" = the path starts with P.
// No prefixes ⇒ nothing (default deny: an empty scope sees nothing, never "no filter"); "/" ⇒ everything.
// The raw-SQL form of the same condition (a byte-wise range on the text_pattern_ops indexes) is sql.ts'
// inSubtrees, kept for the measured hot paths.

type PathFilter = { startsWith: string } | { in: string[] };

/** A `where` fragment putting `column` inside any of the subtrees `prefixes`. */
export function inSubtreesWhere<C extends string>(column: C, prefixes: readonly string[]): { OR: Record<C, PathFilter>[] } {
  const on = (filter: PathFilter) => ({ [column]: filter }) as Record<C, PathFilter>;
  if (prefixes.length === 0) return { OR: [on({ in: [] })] };
  if (prefixes.includes("/")) return { OR: [on({ startsWith: "/" })] };
  return { OR: prefixes.map((p) => on({ startsWith: p })) };
}
