// Loading rows inside a mutation's transaction. Every conference mutation locks the conference row
// first, so that two organizers (or an organizer and a site) never interleave on one conference.
import { TRPCError } from "@trpc/server";
import type { ConferenceStatus } from "../domain/index.js";
import type { Conference, ConferenceSite } from "../generated/prisma/client.js";
import type { Tx } from "./record.js";

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} not found` });
}

/**
 * "update" serializes everything on the conference (agenda, queue, lifecycle); "share" lets site-level
 * changes of many rooms run side by side while still excluding a concurrent lifecycle change (a
 * check-in cannot slip in after the conclusion committed).
 */
export async function lockConference(tx: Tx, conferenceId: string, mode: "update" | "share" = "update"): Promise<Conference & { status: ConferenceStatus }> {
  if (mode === "update") await tx.$executeRaw`SELECT 1 FROM conference WHERE id = ${conferenceId}::uuid FOR UPDATE`;
  else await tx.$executeRaw`SELECT 1 FROM conference WHERE id = ${conferenceId}::uuid FOR SHARE`;
  const conference = await tx.conference.findUnique({ where: { id: conferenceId } });
  if (!conference) throw notFound("Conference");
  return conference as Conference & { status: ConferenceStatus };
}

/** The site (row-locked) and its conference (locked in `mode`). */
export async function lockSite(tx: Tx, siteId: string, mode: "update" | "share" = "update"): Promise<{ site: ConferenceSite; conference: Conference & { status: ConferenceStatus } }> {
  const found = await tx.conferenceSite.findUnique({ where: { id: siteId }, select: { conferenceId: true } });
  if (!found) throw notFound("Site");
  const conference = await lockConference(tx, found.conferenceId, mode);
  await tx.$executeRaw`SELECT 1 FROM conference_site WHERE id = ${siteId}::uuid FOR UPDATE`;
  const site = await tx.conferenceSite.findUniqueOrThrow({ where: { id: siteId } });
  return { site, conference };
}

export interface SiteCountersRow {
  sites: number;
  connected: number;
  degraded: number;
  disconnected: number;
  checkedIn: number;
  expectedAttendance: number;
  presentCount: number;
}

type Db = Pick<Tx, "$queryRaw">;

/** Counters over a conference's sites, optionally confined to some subtrees (prefixes). */
export async function siteCounters(db: Db, conferenceId: string, prefixes?: readonly string[]): Promise<SiteCountersRow> {
  const likes = prefixes?.map((p) => `${p}%`) ?? null;
  const rows = await db.$queryRaw<SiteCountersRow[]>`
    SELECT count(*)::int AS "sites",
           count(*) FILTER (WHERE link_state = 'connected')::int AS "connected",
           count(*) FILTER (WHERE link_state = 'degraded')::int AS "degraded",
           count(*) FILTER (WHERE link_state = 'disconnected')::int AS "disconnected",
           count(checked_in_at)::int AS "checkedIn",
           coalesce(sum(expected_attendance), 0)::int AS "expectedAttendance",
           coalesce(sum(present_count), 0)::int AS "presentCount"
      FROM conference_site
     WHERE conference_id = ${conferenceId}::uuid
       AND (${likes}::text[] IS NULL OR org_path LIKE ANY (${likes}::text[]))`;
  return rows[0]!;
}
