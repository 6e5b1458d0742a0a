// Heartbeats from the videoconference bridge, and the sweep that notices silent sites. Both update many
// sites in one statement (a national conference has 16,240) and emit an event only when a site's link
// state changes, never per heartbeat.
import { recordChange } from "@orgboard/events";
import { applyHeartbeat, linkPhase, sweepLinkState, type LinkPhase, type LinkState, type LinkThresholds } from "../domain/index.js";
import { conferenceEvent, type ConferenceEvent } from "../events.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { iso, isoOrNull } from "../router/views.js";
import type { Tx } from "./record.js";

export interface HeartbeatItem {
  siteId: string;
  at: Date;
  quality: number;
}

export interface HeartbeatResult {
  received: number;
  applied: number;
  /** Older than a heartbeat already recorded for the site (or repeated within the batch). */
  stale: number;
  /** Site ids this service does not know (the bridge may carry other rooms). */
  unknownSiteIds: string[];
  /** Heartbeats for sites of concluded conferences: ignored. */
  closed: number;
  stateChanges: number;
}

interface SiteLinkRow {
  id: string;
  conferenceId: string;
  conferenceOrgPath: string;
  conferenceStatus: string;
  code: string;
  name: string;
  orgPath: string;
  linkState: LinkState;
  lastHeartbeatAt: Date | null;
  lastQuality: number | null;
  dropCount: number;
}

interface LinkUpdate {
  row: SiteLinkRow;
  lastHeartbeatAt: Date | null;
  lastQuality: number | null;
  linkState: LinkState;
  cause: "heartbeat" | "timeout";
}

const SELECT_SITES = `
  SELECT s.id, s.conference_id AS "conferenceId", c.org_path AS "conferenceOrgPath", c.status AS "conferenceStatus",
         s.code, s.name, s.org_path AS "orgPath", s.link_state AS "linkState",
         s.last_heartbeat_at AS "lastHeartbeatAt", s.last_quality AS "lastQuality", s.drop_count AS "dropCount"
    FROM conference_site s JOIN conference c ON c.id = s.conference_id`;

const dropCountAfter = (u: LinkUpdate): number => u.row.dropCount + (u.linkState === "disconnected" && u.row.linkState !== "disconnected" ? 1 : 0);
const phaseBefore = (u: LinkUpdate): LinkPhase => linkPhase(u.row);
const phaseAfter = (u: LinkUpdate): LinkPhase => linkPhase({ linkState: u.linkState, lastHeartbeatAt: u.lastHeartbeatAt, dropCount: dropCountAfter(u) });

async function writeUpdates(tx: Tx, updates: readonly LinkUpdate[], now: Date, actor: string, requestId: string | null, action: string): Promise<void> {
  if (updates.length === 0) return;
  const ids = updates.map((u) => u.row.id);
  const ats = updates.map((u) => u.lastHeartbeatAt);
  const qualities = updates.map((u) => u.lastQuality);
  const states = updates.map((u) => u.linkState);
  // One statement for the whole batch; drop_count counts transitions into "disconnected" from a live link.
  await tx.$executeRaw`
    UPDATE conference_site s
       SET last_heartbeat_at = v.at,
           last_quality = v.quality,
           link_changed_at = CASE WHEN s.link_state <> v.state THEN ${now}::timestamptz ELSE s.link_changed_at END,
           drop_count = s.drop_count + CASE WHEN v.state = 'disconnected' AND s.link_state <> 'disconnected' THEN 1 ELSE 0 END,
           link_state = v.state,
           updated_at = ${now}::timestamptz
      FROM unnest(${ids}::uuid[], ${ats}::timestamptz[], ${qualities}::float8[], ${states}::text[]) AS v(id, at, quality, state)
     WHERE s.id = v.id`;

  // An event when the link state changes, or only the phase (a first heartbeat reporting lost media is
  // still "disconnected" but no longer "never heard from"): screens count sites per phase.
  const changed = updates.filter((u) => u.linkState !== u.row.linkState || phaseBefore(u) !== phaseAfter(u));
  const byConference = new Map<string, LinkUpdate[]>();
  for (const u of changed) {
    const list = byConference.get(u.row.conferenceId) ?? [];
    list.push(u);
    byConference.set(u.row.conferenceId, list);
  }
  for (const [conferenceId, list] of byConference) {
    const events: ConferenceEvent[] = list.map((u) =>
      conferenceEvent("conference.site.state_changed", u.row.orgPath, {
        conferenceId,
        siteId: u.row.id,
        siteCode: u.row.code,
        siteName: u.row.name,
        orgPath: u.row.orgPath,
        from: u.row.linkState,
        to: u.linkState,
        quality: u.lastQuality,
        lastHeartbeatAt: isoOrNull(u.lastHeartbeatAt),
        cause: u.cause,
        dropCount: dropCountAfter(u),
        fromPhase: phaseBefore(u),
        toPhase: phaseAfter(u),
        at: iso(now),
      }),
    );
    // One audit record per conference and batch: the bridge is one actor reporting many sites at once.
    await recordChange(
      tx,
      {
        actor,
        requestId,
        action,
        entity: "conference",
        entityId: conferenceId,
        orgPath: list[0]!.row.conferenceOrgPath,
        after: { linkChanges: list.map((u) => ({ siteId: u.row.id, from: u.row.linkState, to: u.linkState, cause: u.cause })) },
      },
      events,
    );
  }
}

/** Applies one batch from the bridge. Validation of each item (quality, clock) is the domain's. */
export async function applyHeartbeats(
  db: PrismaClient,
  items: readonly HeartbeatItem[],
  opts: { now: Date; thresholds: LinkThresholds; actor: string; requestId: string | null },
): Promise<HeartbeatResult> {
  // Latest heartbeat per site: a bridge may put several beats of one site in a batch.
  const latest = new Map<string, HeartbeatItem>();
  let stale = 0;
  for (const item of items) {
    const prev = latest.get(item.siteId);
    if (!prev || item.at > prev.at) {
      if (prev) stale += 1;
      latest.set(item.siteId, item);
    } else stale += 1;
  }
  const ids = [...latest.keys()].sort();
  return db.$transaction(
    async (tx) => {
      // Row locks in id order, so that two concurrent batches cannot deadlock.
      const rows = await tx.$queryRawUnsafe<SiteLinkRow[]>(`${SELECT_SITES} WHERE s.id = ANY($1::uuid[]) ORDER BY s.id FOR UPDATE OF s`, ids);
      const known = new Map(rows.map((r) => [r.id, r]));
      const unknownSiteIds = ids.filter((id) => !known.has(id));
      const updates: LinkUpdate[] = [];
      let closed = 0;
      for (const row of rows) {
        if (row.conferenceStatus === "concluded") {
          closed += 1;
          continue;
        }
        const hb = latest.get(row.id)!;
        const out = applyHeartbeat(row, hb, opts.now, opts.thresholds);
        if (out.kind === "stale") {
          stale += 1;
          continue;
        }
        updates.push({ row, lastHeartbeatAt: out.lastHeartbeatAt, lastQuality: out.lastQuality, linkState: out.linkState, cause: "heartbeat" });
      }
      await writeUpdates(tx, updates, opts.now, opts.actor, opts.requestId, "conference.bridge.heartbeat");
      return {
        received: items.length,
        applied: updates.length,
        stale,
        unknownSiteIds,
        closed,
        stateChanges: updates.filter((u) => u.linkState !== u.row.linkState).length,
      };
    },
    { timeout: 60_000 },
  );
}

/**
 * Moves down the sites whose heartbeats stopped (no new input to react to). Runs periodically in the
 * service; returns how many sites changed state.
 */
export async function sweepLinks(db: PrismaClient, opts: { now: Date; thresholds: LinkThresholds }): Promise<number> {
  const horizon = new Date(opts.now.getTime() - opts.thresholds.degradedAfterMs);
  return db.$transaction(
    async (tx) => {
      // SKIP LOCKED: a site being updated by a heartbeat batch right now is not silent.
      const rows = await tx.$queryRawUnsafe<SiteLinkRow[]>(
        `${SELECT_SITES}
          WHERE s.conference_id IN (SELECT id FROM conference WHERE status IN ('connecting_sites', 'in_session'))
            AND s.link_state <> 'disconnected' AND s.last_heartbeat_at < $1
          ORDER BY s.id FOR UPDATE OF s SKIP LOCKED`,
        horizon,
      );
      const updates: LinkUpdate[] = [];
      for (const row of rows) {
        const next = sweepLinkState(row, opts.now, opts.thresholds);
        if (next) updates.push({ row, lastHeartbeatAt: row.lastHeartbeatAt, lastQuality: row.lastQuality, linkState: next, cause: "timeout" });
      }
      await writeUpdates(tx, updates, opts.now, "conference-link-sweeper", null, "conference.bridge.heartbeat");
      return updates.length;
    },
    { timeout: 60_000 },
  );
}
