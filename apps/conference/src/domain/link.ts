// Site link state, derived from the videoconference bridge's heartbeats. See docs/conference.md
// ("Link state") for why these thresholds: a bridge reports each endpoint every 5 s.
import type { LinkState } from "@orgboard/contract-conference";
import { badRequest } from "./errors.js";

export { LINK_STATES, type LinkState } from "@orgboard/contract-conference";
// What a site's link means to a chair (not yet connected … lost … left) is defined once, in the contract,
// on top of these link rules, so the dashboard folds events with the very same function.
export {
  LINK_PHASES,
  SITE_PRESENCE_STATES,
  linkPhase,
  presenceCounts,
  sitePresence,
  type LinkPhase,
  type LinkPhaseCounts,
  type LiveCounters,
  type SitePresence,
  type SitePresenceCounts,
} from "@orgboard/contract-conference";

export interface LinkThresholds {
  /** Quality (0..1, 1 = perfect) below which a live link counts as degraded. */
  degradedBelowQuality: number;
  /** Quality below which the bridge is effectively reporting a lost endpoint. */
  disconnectedBelowQuality: number;
  /** No heartbeat for this long (two missed 5 s beats) ⇒ degraded. */
  degradedAfterMs: number;
  /** No heartbeat for this long (four missed beats) ⇒ disconnected. */
  disconnectedAfterMs: number;
  /** Heartbeats stamped further in the future than this are rejected as a broken bridge clock. */
  maxFutureSkewMs: number;
}

export const DEFAULT_LINK_THRESHOLDS: Readonly<LinkThresholds> = Object.freeze({
  degradedBelowQuality: 0.6,
  disconnectedBelowQuality: 0.2,
  degradedAfterMs: 10_000,
  disconnectedAfterMs: 20_000,
  maxFutureSkewMs: 60_000,
});

export function validateThresholds(t: LinkThresholds): LinkThresholds {
  if (!(t.disconnectedBelowQuality >= 0 && t.disconnectedBelowQuality <= t.degradedBelowQuality && t.degradedBelowQuality <= 1)) {
    throw badRequest("invalid_thresholds", "Need 0 ≤ disconnectedBelowQuality ≤ degradedBelowQuality ≤ 1", "degradedBelowQuality");
  }
  if (!(t.degradedAfterMs > 0 && t.degradedAfterMs <= t.disconnectedAfterMs)) {
    throw badRequest("invalid_thresholds", "Need 0 < degradedAfterMs ≤ disconnectedAfterMs", "degradedAfterMs");
  }
  return t;
}

export interface LinkObservation {
  lastHeartbeatAt: Date | null;
  lastQuality: number | null;
}

/** The state a site is in at `now`, from its last heartbeat. A site never heard from is disconnected. */
export function deriveLinkState(obs: LinkObservation, now: Date, t: LinkThresholds = DEFAULT_LINK_THRESHOLDS): LinkState {
  if (obs.lastHeartbeatAt === null || obs.lastQuality === null) return "disconnected";
  const age = now.getTime() - obs.lastHeartbeatAt.getTime();
  if (age >= t.disconnectedAfterMs || obs.lastQuality < t.disconnectedBelowQuality) return "disconnected";
  if (age >= t.degradedAfterMs || obs.lastQuality < t.degradedBelowQuality) return "degraded";
  return "connected";
}

export interface Heartbeat {
  at: Date;
  quality: number;
}

export type HeartbeatOutcome =
  | { kind: "applied"; lastHeartbeatAt: Date; lastQuality: number; linkState: LinkState; changed: boolean }
  /** Older than what we already have (batches may arrive out of order): nothing to do. */
  | { kind: "stale" };

export function applyHeartbeat(
  site: LinkObservation & { linkState: LinkState },
  hb: Heartbeat,
  now: Date,
  t: LinkThresholds = DEFAULT_LINK_THRESHOLDS,
): HeartbeatOutcome {
  if (!(hb.quality >= 0 && hb.quality <= 1)) {
    throw badRequest("invalid_quality", `quality must be between 0 and 1 (got ${hb.quality})`, "quality");
  }
  if (hb.at.getTime() - now.getTime() > t.maxFutureSkewMs) {
    throw badRequest("heartbeat_in_future", `heartbeat "at" ${hb.at.toISOString()} is ahead of the server clock by more than ${t.maxFutureSkewMs} ms`, "at");
  }
  if (site.lastHeartbeatAt !== null && hb.at.getTime() <= site.lastHeartbeatAt.getTime()) return { kind: "stale" };
  const linkState = deriveLinkState({ lastHeartbeatAt: hb.at, lastQuality: hb.quality }, now, t);
  return { kind: "applied", lastHeartbeatAt: hb.at, lastQuality: hb.quality, linkState, changed: linkState !== site.linkState };
}

/** For the periodic sweep: sites whose heartbeats stopped arriving move down without any new input. */
export function sweepLinkState(site: LinkObservation & { linkState: LinkState }, now: Date, t: LinkThresholds = DEFAULT_LINK_THRESHOLDS): LinkState | null {
  const next = deriveLinkState(site, now, t);
  // The sweep only ever worsens a link: improving needs a fresh heartbeat.
  const rank: Record<LinkState, number> = { connected: 0, degraded: 1, disconnected: 2 };
  return rank[next] > rank[site.linkState] ? next : null;
}
