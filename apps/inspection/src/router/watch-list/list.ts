import { inspectionContract } from "@orgboard/contract-inspection";
import { scopeWhere } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { watchEntryView } from "../../app/watch-list.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.watchList.list;

/** Watch-list entries about organizations in a subtree, confined to the caller's scope, newest first. Audited. */
export const listWatchEntriesRoute = procedure("inspection.watchList.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes } = scopeWhere(ctx, input.orgPath);
    const rows = await ctx.db.watchEntry.findMany({
      where: {
        OR: prefixes.map((p) => ({ orgPath: { startsWith: p } })),
        ...(input.status ? { status: input.status } : {}),
        ...(input.cursor ? { id: { lt: input.cursor } } : {}),
      },
      orderBy: { id: "desc" },
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    await recordReads(ctx.db, { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action }, "WatchEntry", page.map((r) => ({ id: r.id, subjectOrgPath: r.orgPath })), "list");
    return { items: page.map(watchEntryView), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
