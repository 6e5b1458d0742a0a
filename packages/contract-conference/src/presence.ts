// Site presence (1.2): what a chair needs to read off a site — not yet connected, connecting, connected,
// degraded, lost after being connected, left — as ONE definition shared by the service (which answers
// with it) and every client (which folds events with it). The link state alone cannot say it: a site the
// bridge has never heard from is "disconnected" to the link rules, and so is a site that dropped.
//
// Two steps, so that SQL can count and clients can fold:
// 1. `linkPhase(site)`: the site's own facts (link state, ever heard from, dropped before), independent
//    of the conference's status. The service counts sites per phase (its SQL groups by the same rule).
// 2. `sitePresence(status, phase)`: what that phase means at the conference's current status. A status
//    change (connecting → in session → concluded) moves every site at once without any site event, so
//    clients keep phase counts and derive presence counts with `presenceCounts`.
import { z } from "zod";
import type { ConferenceStatus, LinkState } from "./enums.js";

/**
 * - `never_heard`: no heartbeat ever (the link rules call it disconnected).
 * - `connected`, `degraded`: the link state of a site heard from.
 * - `not_yet_live`: heard from, disconnected, never dropped: the bridge sees the endpoint but its media
 *   never came up (first beats with quality < 0.2).
 * - `dropped`: disconnected after having been live (the service's `dropCount` > 0).
 */
export const LINK_PHASES = ["never_heard", "not_yet_live", "connected", "degraded", "dropped"] as const;
export type LinkPhase = (typeof LINK_PHASES)[number];

/** In display order: from "not there yet" through "there" to "gone". */
export const SITE_PRESENCE_STATES = ["not_connected", "connecting", "connected", "degraded", "lost", "left"] as const;
export type SitePresence = (typeof SITE_PRESENCE_STATES)[number];

export interface LinkFacts {
  linkState: LinkState;
  /** Null, or an ISO instant / Date: only whether it is set matters. */
  lastHeartbeatAt: string | Date | null;
  dropCount: number;
}

/** The phase of one site (the service's SQL counts by the same rule: `conference/src/app/load.ts`). */
export function linkPhase(site: LinkFacts): LinkPhase {
  if (site.lastHeartbeatAt === null) return "never_heard";
  if (site.linkState === "connected") return "connected";
  if (site.linkState === "degraded") return "degraded";
  return site.dropCount > 0 ? "dropped" : "not_yet_live";
}

/**
 * What a phase means at a conference status.
 * - scheduled: nobody is expected on the bridge yet → every site "not_connected".
 * - connecting_sites: the bridge is calling the sites → a site not heard from yet is "connecting".
 * - in_session: the session is open → a site still never heard from is "not_connected" (a latecomer),
 *   one whose media never came up is still "connecting".
 * - concluded: the conference is over → a site that was ever on the bridge "left"; never heard from
 *   stays "not_connected" (it never joined).
 * In live statuses a site that dropped is "lost" (red), the only state that means a network failure.
 */
export function sitePresence(status: ConferenceStatus, phase: LinkPhase): SitePresence {
  switch (status) {
    case "scheduled":
      return "not_connected";
    case "concluded":
      return phase === "never_heard" ? "not_connected" : "left";
    case "connecting_sites":
    case "in_session":
      switch (phase) {
        case "never_heard":
          return status === "connecting_sites" ? "connecting" : "not_connected";
        case "not_yet_live":
          return "connecting";
        case "connected":
          return "connected";
        case "degraded":
          return "degraded";
        case "dropped":
          return "lost";
      }
  }
}

export const linkPhaseCountsSchema = z.object(Object.fromEntries(LINK_PHASES.map((p) => [p, z.number().int()])) as Record<LinkPhase, z.ZodNumber>);
export type LinkPhaseCounts = Record<LinkPhase, number>;

export const sitePresenceCountsSchema = z.object(
  Object.fromEntries(SITE_PRESENCE_STATES.map((p) => [p, z.number().int()])) as Record<SitePresence, z.ZodNumber>,
);
export type SitePresenceCounts = Record<SitePresence, number>;

export function emptyPhaseCounts(): LinkPhaseCounts {
  return { never_heard: 0, not_yet_live: 0, connected: 0, degraded: 0, dropped: 0 };
}

/** Sites per presence state at `status`, from sites per phase. */
export function presenceCounts(status: ConferenceStatus, phases: LinkPhaseCounts): SitePresenceCounts {
  const out: SitePresenceCounts = { not_connected: 0, connecting: 0, connected: 0, degraded: 0, lost: 0, left: 0 };
  for (const phase of LINK_PHASES) out[sitePresence(status, phase)] += phases[phase];
  return out;
}
