import { inspectionContract } from "@orgboard/contract-inspection";
import { auditRead } from "../../app/petitions.js";
import { watchEntryView } from "../../app/watch-list.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.watchList.list;

/** Watch-list entries about organizations in a subtree the caller may read, newest first. Audited. */
export const listWatchEntriesRoute = procedure("inspection.watchList.read", { resource: "orgPath" })
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const rows = await ctx.db.watchEntry.findMany({
      where: { orgPath: { startsWith: input.orgPath }, ...(input.status ? { status: input.status } : {}), ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
      orderBy: { id: "desc" },
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    await auditRead(ctx.db, { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action }, {
      entity: "WatchEntry",
      entityId: "list",
      orgPath: input.orgPath,
      what: { status: input.status ?? null, ids: page.map((r) => r.id) },
    });
    return { items: page.map(watchEntryView), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
