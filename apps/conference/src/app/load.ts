// Loading rows inside a mutation's transaction. Every conference mutation locks the conference row
// first, so that two organizers (or an organizer and a site) never interleave on one conference.
import type { Resource } from "@orgboard/auth";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { presenceCounts, type ConferenceStatus, type LiveCounters } from "../domain/index.js";
import { Prisma, type Conference, type ConferenceSite } from "../generated/prisma/client.js";
import type { Tx } from "./record.js";

export type LockedConference = Conference & { status: ConferenceStatus };

/** The caller's authorization for the procedure's action (ctx.assertCan). */
export interface Authorizer {
  assertCan(resource: Resource): void;
}

const NOT_FOUND_VI: Record<NotFoundWhat, string> = { Conference: "hội nghị", Site: "điểm cầu", "Speak request": "đăng ký phát biểu" };
type NotFoundWhat = "Conference" | "Site" | "Speak request";

/** Missing, or outside the caller's scope: the same answer (Vietnamese first). */
export function notFound(what: NotFoundWhat): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: bilingual(`không tìm thấy ${NOT_FOUND_VI[what]}`, `${what} not found`) });
}

/**
 * "update" serializes everything on the conference (agenda, queue, lifecycle); "share" lets site-level
 * changes of many rooms run side by side while still excluding a concurrent lifecycle change (a
 * check-in cannot slip in after the conclusion committed).
 */
export async function lockConference(tx: Tx, conferenceId: string, mode: "update" | "share" = "update"): Promise<LockedConference> {
  if (mode === "update") await tx.$executeRaw`SELECT 1 FROM conference WHERE id = ${conferenceId}::uuid FOR UPDATE`;
  else await tx.$executeRaw`SELECT 1 FROM conference WHERE id = ${conferenceId}::uuid FOR SHARE`;
  const conference = await tx.conference.findUnique({ where: { id: conferenceId } });
  if (!conference) throw notFound("Conference");
  return conference as LockedConference;
}

/** The site (row-locked) and its conference (locked in `mode`). */
export async function lockSite(tx: Tx, siteId: string, mode: "update" | "share" = "update"): Promise<{ site: ConferenceSite; conference: LockedConference }> {
  const found = await tx.conferenceSite.findUnique({ where: { id: siteId }, select: { conferenceId: true } });
  if (!found) throw notFound("Site");
  const conference = await lockConference(tx, found.conferenceId, mode);
  await tx.$executeRaw`SELECT 1 FROM conference_site WHERE id = ${siteId}::uuid FOR UPDATE`;
  const site = await tx.conferenceSite.findUniqueOrThrow({ where: { id: siteId } });
  return { site, conference };
}

/** lockConference, then the caller must be allowed at the conference's organization (NOT_FOUND before FORBIDDEN). */
export async function lockConferenceFor(tx: Tx, caller: Authorizer, conferenceId: string): Promise<LockedConference> {
  const conference = await lockConference(tx, conferenceId);
  caller.assertCan({ orgPath: conference.orgPath });
  return conference;
}

/** lockSite, then the caller must be allowed at the site's organization. */
export async function lockSiteFor(tx: Tx, caller: Authorizer, siteId: string, mode: "update" | "share" = "update"): Promise<{ site: ConferenceSite; conference: LockedConference }> {
  const locked = await lockSite(tx, siteId, mode);
  caller.assertCan({ orgPath: locked.site.orgPath });
  return locked;
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

// The counters and the sites they count, shared by the conference's totals and its rows per province.
const COUNTER_COLUMNS = Prisma.sql`
  count(*)::int AS "sites",
  count(*) FILTER (WHERE link_state = 'connected')::int AS "connected",
  count(*) FILTER (WHERE link_state = 'degraded')::int AS "degraded",
  count(*) FILTER (WHERE link_state = 'disconnected')::int AS "disconnected",
  count(checked_in_at)::int AS "checkedIn",
  coalesce(sum(expected_attendance), 0)::int AS "expectedAttendance",
  coalesce(sum(present_count), 0)::int AS "presentCount"`;

// Sites per `linkPhase` (@orgboard/contract-conference presence.ts): the same rule, in the order it tests.
const PHASE_COLUMNS = Prisma.sql`
  count(*) FILTER (WHERE last_heartbeat_at IS NULL)::int AS "never_heard",
  count(*) FILTER (WHERE last_heartbeat_at IS NOT NULL AND link_state = 'connected')::int AS "connected_phase",
  count(*) FILTER (WHERE last_heartbeat_at IS NOT NULL AND link_state = 'degraded')::int AS "degraded_phase",
  count(*) FILTER (WHERE last_heartbeat_at IS NOT NULL AND link_state = 'disconnected' AND drop_count > 0)::int AS "dropped",
  count(*) FILTER (WHERE last_heartbeat_at IS NOT NULL AND link_state = 'disconnected' AND drop_count = 0)::int AS "not_yet_live"`;

interface PhaseColumns {
  never_heard: number;
  connected_phase: number;
  degraded_phase: number;
  dropped: number;
  not_yet_live: number;
}

/** A counters row with its phase columns → the wire's counters with `phases` and `presence` at `status`. */
function toLiveCounters<R extends SiteCountersRow & PhaseColumns>(row: R, status: ConferenceStatus): Omit<R, keyof PhaseColumns> & LiveCounters {
  const { never_heard, connected_phase, degraded_phase, dropped, not_yet_live, ...counters } = row;
  const phases = { never_heard, not_yet_live, connected: connected_phase, degraded: degraded_phase, dropped };
  return { ...counters, phases, presence: presenceCounts(status, phases) };
}

function sitesOf(conferenceId: string, prefixes: readonly string[] | null | undefined): Prisma.Sql {
  const likes = prefixes?.map((p) => `${p}%`) ?? null;
  return Prisma.sql`conference_id = ${conferenceId}::uuid AND (${likes}::text[] IS NULL OR org_path LIKE ANY (${likes}::text[]))`;
}

/** Counters over a conference's sites, optionally confined to some subtrees (prefixes). */
export async function siteCounters(db: Db, conferenceId: string, prefixes?: readonly string[]): Promise<SiteCountersRow> {
  const rows = await db.$queryRaw<SiteCountersRow[]>`SELECT ${COUNTER_COLUMNS} FROM conference_site WHERE ${sitesOf(conferenceId, prefixes)}`;
  return rows[0]!;
}

/** `siteCounters` with the sites per phase and per presence state at the conference's `status`. */
export async function liveSiteCounters(db: Db, conferenceId: string, status: ConferenceStatus, prefixes?: readonly string[]): Promise<LiveCounters> {
  const rows = await db.$queryRaw<(SiteCountersRow & PhaseColumns)[]>`
    SELECT ${COUNTER_COLUMNS}, ${PHASE_COLUMNS} FROM conference_site WHERE ${sitesOf(conferenceId, prefixes)}`;
  return toLiveCounters(rows[0]!, status);
}

export interface TopOrgCountersRow extends SiteCountersRow {
  orgPath: string;
  /** The name of the site that is the top-level organization itself, if it is one. */
  name: string | null;
}

/** The same counters per top-level organization (a province), in path order. */
export async function siteCountersByTopOrg(
  db: Db,
  conferenceId: string,
  status: ConferenceStatus,
  prefixes: readonly string[] | null,
): Promise<(TopOrgCountersRow & LiveCounters)[]> {
  const rows = await db.$queryRaw<(TopOrgCountersRow & PhaseColumns)[]>`
    SELECT top_org_path AS "orgPath", min(name) FILTER (WHERE org_path = top_org_path) AS "name", ${COUNTER_COLUMNS}, ${PHASE_COLUMNS}
      FROM conference_site
     WHERE ${sitesOf(conferenceId, prefixes)}
     GROUP BY top_org_path
     ORDER BY top_org_path`;
  return rows.map((r) => toLiveCounters(r, status));
}
