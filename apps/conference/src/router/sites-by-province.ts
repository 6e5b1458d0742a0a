import { readablePrefixes } from "../app/access.js";
import { notFound } from "../app/load.js";
import { procedure } from "./procedure.js";
import { ZSitesByProvinceInput, ZSitesByProvinceOutput } from "./sites-by-province.types.js";

interface GroupRow {
  orgPath: string;
  name: string | null;
  sites: number;
  connected: number;
  degraded: number;
  disconnected: number;
  checkedIn: number;
  expectedAttendance: number;
  presentCount: number;
}

/** Counters per top-level organization: how a 16,240-site conference fits on one screen. */
export const sitesByProvinceRoute = procedure("conference.conferences.read")
  .input(ZSitesByProvinceInput)
  .output(ZSitesByProvinceOutput)
  .query(async ({ ctx, input }) => {
    const conference = await ctx.db.conference.findUnique({ where: { id: input.conferenceId }, select: { id: true, orgPath: true } });
    if (!conference) throw notFound("Conference");
    const prefixes = await readablePrefixes(ctx.db, ctx, conference);
    const likes = prefixes?.map((p) => `${p}%`) ?? null;
    const groups = await ctx.db.$queryRaw<GroupRow[]>`
      SELECT top_org_path AS "orgPath",
             min(name) FILTER (WHERE org_path = top_org_path) AS "name",
             count(*)::int AS "sites",
             count(*) FILTER (WHERE link_state = 'connected')::int AS "connected",
             count(*) FILTER (WHERE link_state = 'degraded')::int AS "degraded",
             count(*) FILTER (WHERE link_state = 'disconnected')::int AS "disconnected",
             count(checked_in_at)::int AS "checkedIn",
             coalesce(sum(expected_attendance), 0)::int AS "expectedAttendance",
             coalesce(sum(present_count), 0)::int AS "presentCount"
        FROM conference_site
       WHERE conference_id = ${conference.id}::uuid
         AND (${likes}::text[] IS NULL OR org_path LIKE ANY (${likes}::text[]))
       GROUP BY top_org_path
       ORDER BY top_org_path`;
    return { groups };
  });
