import type { LiveSnapshot } from "../src/api/conference-schemas.js";
import type { EventEnvelope } from "../src/state/envelope.js";

/** A small conference in the documented snapshot shape (test input, built in code). */
export function snapshot(siteCount = 3, lastEventId: string | null = "10"): LiveSnapshot {
  return {
    conference: { id: "c1", title: "Hội nghị quán triệt Nghị quyết", orgPath: "/", status: "live", startsAt: "2026-11-27T01:00:00Z" },
    sites: Array.from({ length: siteCount }, (_, i) => ({
      id: `s${i + 1}`,
      name: `Điểm cầu ${String(i + 1).padStart(2, "0")}`,
      orgPath: i % 2 === 0 ? `/01/01-${i}/` : `/79/79-${i}/`,
      linkState: "connected" as const,
      checkedIn: 0,
      expected: 10,
      linkChangedAt: null,
    })),
    agenda: [
      { id: "a1", title: "Khai mạc", plannedMinutes: 10, startedAt: "2026-11-27T01:00:00Z", endedAt: null },
      { id: "a2", title: "Báo cáo chính trị", plannedMinutes: 45, startedAt: null, endedAt: null },
    ],
    currentItemId: "a1",
    speaker: null,
    queue: [],
    documents: [],
    conclusions: [],
    lastEventId,
  };
}

let seq = 100;
export function ev(type: string, payload: unknown, over: Partial<EventEnvelope> = {}): EventEnvelope {
  seq++;
  return { id: String(seq), type, orgPath: "/01/", aggregateId: "c1", occurredAt: `2026-11-27T01:0${seq % 10}:00Z`, payload, ...over };
}
