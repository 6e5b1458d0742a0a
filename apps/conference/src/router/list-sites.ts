import { readablePrefixes, narrow } from "../app/access.js";
import { notFound } from "../app/load.js";
import type { ConferenceStatus } from "../domain/index.js";
import { procedure } from "./procedure.js";
import { ZListSitesInput, ZListSitesOutput } from "@orgboard/contract-conference";
import { toSiteView } from "./views.js";

/** A page of a conference's sites, in org-path order, confined to what the reader may see. */
export const listSitesRoute = procedure("conference.conferences.read")
  .input(ZListSitesInput)
  .output(ZListSitesOutput)
  .query(async ({ ctx, input }) => {
    const conference = await ctx.db.conference.findUnique({ where: { id: input.conferenceId }, select: { id: true, orgPath: true, status: true } });
    if (!conference) throw notFound("Conference");
    const prefixes = narrow(await readablePrefixes(ctx.db, ctx, conference), input.orgPath);
    if (prefixes !== null && prefixes.length === 0) return { items: [], nextCursor: null };
    const rows = await ctx.db.conferenceSite.findMany({
      where: {
        conferenceId: conference.id,
        linkState: input.linkState,
        checkedInAt: input.checkedIn === undefined ? undefined : input.checkedIn ? { not: null } : null,
        AND: [
          prefixes ? { OR: prefixes.map((p) => ({ orgPath: { startsWith: p } })) } : {},
          input.search ? { OR: [{ name: { contains: input.search, mode: "insensitive" } }, { code: { contains: input.search, mode: "insensitive" } }] } : {},
        ],
      },
      orderBy: [{ orgPath: "asc" }, { code: "asc" }, { id: "asc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const page = rows.slice(0, input.limit);
    return { items: page.map((s) => toSiteView(s, conference.status as ConferenceStatus)), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
