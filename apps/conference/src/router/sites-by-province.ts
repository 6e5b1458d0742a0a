import { readablePrefixes } from "../app/access.js";
import { notFound, siteCountersByTopOrg } from "../app/load.js";
import type { ConferenceStatus } from "../domain/index.js";
import { procedure } from "./procedure.js";
import { ZSitesByProvinceInput, ZSitesByProvinceOutput } from "@orgboard/contract-conference";

/** Counters per top-level organization: how a 16,240-site conference fits on one screen. */
export const sitesByProvinceRoute = procedure("conference.conferences.read")
  .input(ZSitesByProvinceInput)
  .output(ZSitesByProvinceOutput)
  .query(async ({ ctx, input }) => {
    const conference = await ctx.db.conference.findUnique({ where: { id: input.conferenceId }, select: { id: true, orgPath: true, status: true } });
    if (!conference) throw notFound("Conference");
    const prefixes = await readablePrefixes(ctx.db, ctx, conference);
    return { groups: await siteCountersByTopOrg(ctx.db, conference.id, conference.status as ConferenceStatus, prefixes) };
  });
