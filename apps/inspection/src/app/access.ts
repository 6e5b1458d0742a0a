// What a caller may reach: a subject through membership, a stored case through its subject's organization.
// Both answer the one NOT_FOUND for "does not exist" and "outside your scope" (docs/inspection.md, "Privacy").
import type { Resource } from "@orgboard/auth";
import type { SubjectRefInput } from "@orgboard/contract-inspection";
import type { Subject, SubjectDirectory } from "./subjects.js";
import { invalid, notFound } from "./errors.js";

export interface ScopedCtx {
  can(resource: Resource): boolean;
  scope: string[];
  subjects: SubjectDirectory;
}

/** The subject named by the input, if it exists and lies in the caller's scope; else NOT_FOUND naming `field`. */
export async function subjectInScope(ctx: ScopedCtx, ref: SubjectRefInput, field: string): Promise<Subject> {
  // An organization named outside the scope is refused before asking membership anything about it.
  if (ref.kind === "organization" && !ctx.can({ orgPath: ref.orgPath })) throw notFound(field);
  const subject = await ctx.subjects.find(ref);
  if (!subject || !ctx.can({ orgPath: subject.orgPath })) throw notFound(field);
  return subject;
}

/** A stored case, if it exists and its subject lies in the caller's scope; else NOT_FOUND. */
export function caseInScope<T extends { subjectOrgPath: string }>(ctx: Pick<ScopedCtx, "can">, row: T | null, field?: string): T {
  if (!row || !ctx.can({ orgPath: row.subjectOrgPath })) throw notFound(field);
  return row;
}

/** Prisma `where` confining a case list to the caller's scope, narrowed to `orgPath` when given. */
export function scopeWhere(ctx: Pick<ScopedCtx, "scope">, orgPath: string | undefined, column: "subjectOrgPath" | "ownerOrgPath" = "subjectOrgPath") {
  // Inside the scope: that subtree. A request wider than the scope: the scope's parts of it. Outside: nothing
  // (an empty page, exactly what an empty subtree gives).
  let prefixes = ctx.scope;
  if (orgPath !== undefined) {
    prefixes = ctx.scope.some((p) => orgPath.startsWith(p)) ? [orgPath] : ctx.scope.filter((p) => p.startsWith(orgPath));
  }
  return { prefixes, where: { OR: prefixes.map((p) => ({ [column]: { startsWith: p } })) } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list's cursor (the last id of the previous page): a malformed one is a 400, never a database error. */
export function cursorArgs(cursor: string | null | undefined): { cursor?: { id: string }; skip?: number } {
  if (cursor === null || cursor === undefined) return {};
  if (!UUID.test(cursor)) throw invalid("cursor", "bad_cursor", "con trỏ trang không hợp lệ", "is not a page cursor from this list");
  return { cursor: { id: cursor }, skip: 1 };
}
