import type { SiteView, Snapshot } from "../src/api/conference-schemas.js";
import type { EventEnvelope } from "../src/state/envelope.js";

const C = "c1";

/** A conference snapshot in the shape of `conference.get` (test input, built in code). */
export function snapshot(lastEventId = "10", counters: Partial<Snapshot["counters"]> = {}): Snapshot {
  return {
    conference: { id: C, title: "Hội nghị quán triệt Nghị quyết", orgPath: "/", status: "in_session", scheduledStart: "2026-11-27T01:00:00Z" },
    counters: { sites: 3, connected: 3, degraded: 0, disconnected: 0, checkedIn: 0, expectedAttendance: 30, presentCount: 0, ...counters },
    myCounters: null,
    agenda: [
      { id: "a1", position: 1, title: "Khai mạc", status: "in_progress", plannedMinutes: 10, actualStart: "2026-11-27T01:00:00Z", actualEnd: null },
      { id: "a2", position: 2, title: "Báo cáo chính trị", status: "pending", plannedMinutes: 45, actualStart: null, actualEnd: null },
    ],
    currentItemId: "a1",
    speaker: null,
    queue: [],
    queueLength: 0,
    documents: [],
    conclusions: [],
    lastEventId,
  };
}

/** Sites as `conference.sites.list` returns them; even ones under Hà Nội (/01/), odd ones under /79/. */
export function sites(count: number): SiteView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i + 1}`,
    code: String(i + 1).padStart(3, "0"),
    name: `Điểm cầu ${String(i + 1).padStart(2, "0")}`,
    orgPath: i % 2 === 0 ? `/01/01-${i}/` : `/79/79-${i}/`,
    expectedAttendance: 10,
    presentCount: 0,
    checkedInAt: null,
    linkState: "connected" as const,
    dropCount: 0,
  }));
}

export function siteRef(i: number) {
  return { conferenceId: C, siteId: `s${i}`, siteName: `Điểm cầu ${String(i).padStart(2, "0")}`, orgPath: i % 2 === 1 ? `/01/01-${i - 1}/` : `/79/79-${i - 1}/` };
}

let seq = 100;
export function ev(type: string, payload: unknown, over: Partial<EventEnvelope> = {}): EventEnvelope {
  seq++;
  return { id: String(seq), type, orgPath: "/01/", aggregateId: C, occurredAt: `2026-11-27T01:0${seq % 10}:00Z`, payload, ...over };
}

export const drop = (i: number, over: Partial<EventEnvelope> = {}) =>
  ev("conference.site.state_changed", { ...siteRef(i), from: "connected", to: "disconnected", at: "2026-11-27T01:05:00Z" }, over);
