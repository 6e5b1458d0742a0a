// Which subtrees a list query reads: the one named in the input, or every subtree of the caller's scope
// when none is named ([] = nothing, never "no filter"). A named subtree outside the caller's scope gets
// the same NOT_FOUND as one that does not exist (#9 finding 5: the caller learns nothing about what
// exists elsewhere), never a 403 that would confirm it.
import type { Resource } from "@orgboard/auth";
import { notFoundOrg } from "./errors.js";

interface ScopedContext {
  scope: string[];
  can(resource: Resource): boolean;
}

export function listScope(ctx: ScopedContext, orgPath: string | undefined, field = "orgPath"): string[] {
  if (orgPath === undefined) return ctx.scope;
  if (!ctx.can({ orgPath })) throw notFoundOrg(field);
  return [orgPath];
}

/** Throws the neutral NOT_FOUND unless the caller may act on `orgPath` (a record found by id, or a path). */
export function assertInScope(ctx: ScopedContext, orgPath: string, notFound: () => Error = () => notFoundOrg()): void {
  if (!ctx.can({ orgPath })) throw notFound();
}

/**
 * Prisma condition on an org-path column: inside any of the subtrees. No prefixes ⇒ matches nothing
 * (default deny: `OR: []` is false); "/" ⇒ no condition. A prefix LIKE uses the text_pattern_ops index.
 */
export function inSubtreesWhere<K extends string>(field: K, prefixes: readonly string[]): { OR: Record<K, { startsWith: string }>[] } | Record<string, never> {
  if (prefixes.includes("/")) return {};
  return { OR: prefixes.map((prefix) => ({ [field]: { startsWith: prefix } }) as Record<K, { startsWith: string }>) };
}
