import type { ConferenceStatus } from "@orgboard/contract-conference";
import { badRequest, conflict } from "./errors.js";
import { isOrgPath, isWithin } from "./org-path.js";

export { CONFERENCE_MODES, CONFERENCE_STATUSES, type ConferenceMode, type ConferenceStatus } from "@orgboard/contract-conference";

/** The only legal moves. A conference never goes back: a dropped session is a new conference. */
export const TRANSITIONS: Readonly<Record<ConferenceStatus, readonly ConferenceStatus[]>> = {
  scheduled: ["connecting_sites"],
  connecting_sites: ["in_session"],
  in_session: ["concluded"],
  concluded: [],
};

export function canTransition(from: ConferenceStatus, to: ConferenceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ConferenceStatus, to: ConferenceStatus): void {
  if (!canTransition(from, to)) {
    throw conflict("illegal_transition", `A conference cannot go from "${from}" to "${to}"`, "status");
  }
}

/** Statuses in which sites are live: heartbeats count, sites check in and register to speak. */
export const LIVE_STATUSES: readonly ConferenceStatus[] = ["connecting_sites", "in_session"];

export function assertLive(status: ConferenceStatus, what: string): void {
  if (!LIVE_STATUSES.includes(status)) {
    throw conflict("conference_not_live", `${what} is only possible while sites are connecting or in session (status is "${status}")`, "status");
  }
}

export function assertInSession(status: ConferenceStatus, what: string): void {
  if (status !== "in_session") {
    throw conflict("conference_not_in_session", `${what} is only possible while the conference is in session (status is "${status}")`, "status");
  }
}

/** Longest scheduled window we accept: a conference is one sitting, not a multi-day congress. */
export const MAX_CONFERENCE_HOURS = 12;

export interface PlannedConference {
  orgPath: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  agenda: readonly { plannedSeconds: number }[];
}

function minutes(ms: number): string {
  return String(Math.round((ms / 60_000) * 10) / 10);
}

export function validatePlan(plan: PlannedConference): void {
  const orgPath: string = plan.orgPath;
  if (!isOrgPath(orgPath)) {
    throw badRequest("invalid_org_path", `"${plan.orgPath}" is not an organization path like "/" or "/08/"`, "orgPath");
  }
  const windowMs = plan.scheduledEnd.getTime() - plan.scheduledStart.getTime();
  if (windowMs <= 0) {
    throw badRequest("invalid_schedule", "scheduledEnd must be after scheduledStart", "scheduledEnd");
  }
  if (windowMs > MAX_CONFERENCE_HOURS * 3_600_000) {
    throw badRequest("invalid_schedule", `A conference lasts at most ${MAX_CONFERENCE_HOURS} hours`, "scheduledEnd");
  }
  const plannedSeconds = plan.agenda.reduce((sum, item) => sum + item.plannedSeconds, 0);
  if (plannedSeconds * 1000 > windowMs) {
    throw badRequest(
      "agenda_exceeds_schedule",
      `The agenda plans ${minutes(plannedSeconds * 1000)} minutes but the scheduled window is ${minutes(windowMs)} minutes`,
      "agenda",
    );
  }
}

export interface PlannedSite {
  code: string;
  orgPath: string;
  expectedAttendance: number;
}

/** Sites of one conference: unique codes, each inside the organizer's subtree. */
export function validateSites(conferenceOrgPath: string, sites: readonly PlannedSite[], existingCodes: ReadonlySet<string> = new Set()): void {
  const seen = new Set(existingCodes);
  sites.forEach((site, i) => {
    const orgPath: string = site.orgPath;
    if (!isOrgPath(orgPath)) {
      throw badRequest("invalid_org_path", `sites.${i}.orgPath "${site.orgPath}" is not an organization path`, `sites.${i}.orgPath`);
    }
    if (!isWithin(site.orgPath, conferenceOrgPath)) {
      throw badRequest(
        "site_outside_organizer",
        `sites.${i}.orgPath "${site.orgPath}" is outside the organizer's organization "${conferenceOrgPath}"`,
        `sites.${i}.orgPath`,
      );
    }
    if (seen.has(site.code)) {
      throw badRequest("duplicate_site_code", `sites.${i}.code "${site.code}" is used by another site of this conference`, `sites.${i}.code`);
    }
    seen.add(site.code);
  });
}

/** Sites can be added until the session opens (late additions while connecting are common). */
export function assertCanAddSites(status: ConferenceStatus): void {
  if (status !== "scheduled" && status !== "connecting_sites") {
    throw conflict("sites_closed", `Sites can only be added before the session opens (status is "${status}")`, "status");
  }
}

export function assertCanStartConnecting(status: ConferenceStatus, siteCount: number): void {
  assertTransition(status, "connecting_sites");
  if (siteCount === 0) throw conflict("no_sites", "A conference without sites has nothing to connect: add sites first");
}

/** The chair opens the session once at least one site is on the bridge; latecomers join as they connect. */
export function assertCanOpenSession(status: ConferenceStatus, linkedSites: number): void {
  assertTransition(status, "in_session");
  if (linkedSites === 0) throw conflict("no_site_connected", "No site is connected yet: wait for the bridge to report at least one site");
}
