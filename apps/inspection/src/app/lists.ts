// One shape for every case list: confined to the caller's scope (narrowed to a subtree), newest first by
// id (UUIDv7: creation order, a stable cursor), one page, each case returned audited as read.
import type { Caller } from "@orgboard/events";
import { cursorArgs, scopeWhere } from "./access.js";
import { recordReads, type ReadCase } from "./audit.js";
import { yearRange } from "./dates.js";
import type { Tx } from "./record.js";

export interface CaseListInput {
  orgPath?: string | undefined;
  year?: number | undefined;
  limit: number;
  cursor?: string | null | undefined;
}

/** What a list's query receives: the scope and year filter, and the page's arguments. */
export interface CaseQuery {
  where: { OR: Record<string, { startsWith: string }>[]; decidedOn?: ReturnType<typeof yearRange> };
  page: { orderBy: { id: "desc" }; take: number; cursor?: { id: string }; skip?: number };
}

export async function listCases<Row extends ReadCase, View>(
  ctx: Caller & { scope: string[]; db: { $transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> } },
  input: CaseListInput,
  entity: string,
  find: (tx: Tx, q: CaseQuery) => Promise<Row[]>,
  view: (tx: Tx, rows: Row[]) => Promise<View[]> | View[],
): Promise<{ items: View[]; nextCursor: string | null }> {
  const { prefixes, where } = scopeWhere(ctx, input.orgPath);
  if (prefixes.length === 0) return { items: [], nextCursor: null };
  const q: CaseQuery = {
    where: { ...where, ...(input.year !== undefined ? { decidedOn: yearRange(input.year) } : {}) },
    page: { orderBy: { id: "desc" }, take: input.limit + 1, ...cursorArgs(input.cursor) },
  };
  return ctx.db.$transaction(async (tx) => {
    const rows = await find(tx, q);
    const page = rows.slice(0, input.limit);
    await recordReads(tx, ctx, entity, page, "list");
    return { items: await view(tx, page), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
}
