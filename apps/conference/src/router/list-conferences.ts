import { procedure } from "./procedure.js";
import { ZListConferencesInput, ZListConferencesOutput } from "@orgboard/contract-conference";
import { toConferenceSummary } from "./views.js";

/** Conferences the reader may see (organized in its scope, or with a site in it), newest first. */
export const listConferencesRoute = procedure("conference.conferences.read")
  .input(ZListConferencesInput)
  .output(ZListConferencesOutput)
  .query(async ({ ctx, input }) => {
    if (ctx.scope.length === 0) return { items: [], nextCursor: null };
    const inScope = ctx.scope.map((p) => ({ orgPath: { startsWith: p } }));
    const rows = await ctx.db.conference.findMany({
      where: { status: input.status, OR: [...inScope, { sites: { some: { OR: inScope } } }] },
      // Ids are UUIDv7, so id order is creation order and a stable cursor.
      orderBy: { id: "desc" },
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const page = rows.slice(0, input.limit);
    return { items: page.map(toConferenceSummary), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
