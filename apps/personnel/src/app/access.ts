// What a caller may reach: a record through its organization. "Does not exist" and "outside your scope"
// answer the one NOT_FOUND.
import type { Resource } from "@orgboard/auth";
import { notFound } from "./errors.js";

/** A stored record, if it exists and its organization lies in the caller's scope; else NOT_FOUND naming `field`. */
export function inScope<T extends { orgPath: string }>(ctx: { can(resource: Resource): boolean }, row: T | null, field?: string): T {
  if (!row || !ctx.can({ orgPath: row.orgPath })) throw notFound(field);
  return row;
}

/** Prisma `where` confining a list to the caller's scope, narrowed to `orgPath` when given. */
export function scopeWhere(ctx: { scope: string[] }, orgPath: string | undefined) {
  let prefixes = ctx.scope;
  if (orgPath !== undefined) prefixes = ctx.scope.some((p) => orgPath.startsWith(p)) ? [orgPath] : ctx.scope.filter((p) => p.startsWith(orgPath));
  return { prefixes, where: { OR: prefixes.map((p) => ({ orgPath: { startsWith: p } })) } };
}
