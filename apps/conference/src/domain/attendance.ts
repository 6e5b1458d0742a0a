import { assertLive, type ConferenceStatus } from "./conference.js";
import { badRequest, conflict } from "./errors.js";
import type { LinkState } from "./link.js";

export interface SiteAttendance {
  expectedAttendance: number;
  checkedInAt: Date | null;
  presentCount: number;
  linkState: LinkState;
}

function assertCount(present: number, expected: number): void {
  if (!Number.isInteger(present) || present < 0) {
    throw badRequest("invalid_attendance", `present must be a whole number ≥ 0 (got ${present})`, "present");
  }
  if (present > expected) {
    throw badRequest("attendance_exceeds_expected", `present (${present}) cannot exceed the expected attendance of the site (${expected})`, "present");
  }
}

/** A site operator confirms the site is in the room and on the bridge. */
export function checkIn(status: ConferenceStatus, site: SiteAttendance, present: number, now: Date): { checkedInAt: Date; presentCount: number } {
  assertLive(status, "Checking in");
  if (site.checkedInAt !== null) {
    throw conflict("already_checked_in", `The site already checked in at ${site.checkedInAt.toISOString()}; report attendance instead`);
  }
  if (site.linkState === "disconnected") {
    throw conflict("site_disconnected", "A site whose link is disconnected cannot check in: the bridge does not see it");
  }
  assertCount(present, site.expectedAttendance);
  return { checkedInAt: now, presentCount: present };
}

/** Late arrivals and departures after check-in. */
export function reportAttendance(status: ConferenceStatus, site: SiteAttendance, present: number): { presentCount: number } {
  assertLive(status, "Reporting attendance");
  if (site.checkedInAt === null) {
    throw conflict("not_checked_in", "The site has not checked in yet");
  }
  assertCount(present, site.expectedAttendance);
  return { presentCount: present };
}
