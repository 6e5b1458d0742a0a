import { annualReportOutputSchema, type AnnualReport } from "@orgboard/contract-inspection";
import type { MembershipEventPayload, MembershipEventType } from "@orgboard/contract-membership";
import {
  presenceCounts,
  type AgendaItemView,
  type ConferenceEventPayload,
  type ConferenceEventType,
  type ConferenceSnapshot,
  type ConferenceStatus,
  type LinkPhase,
  type LinkState,
  type LiveCounters,
  type SiteCounters,
  type SiteView,
} from "@orgboard/contract-conference";
import type { EventEnvelope } from "../src/state/envelope.js";

const C = "c1";
const OPENED = "2026-11-27T01:00:00Z";

function agendaItem(over: Pick<AgendaItemView, "id" | "position" | "title" | "kind" | "plannedMinutes"> & Partial<AgendaItemView>): AgendaItemView {
  return { status: "pending", presenterName: null, presenterTitle: null, actualStart: null, actualEnd: null, overrunSeconds: 0, ...over };
}

/** Counters as the service answers them: sites heard from per link state (unless `phases` is given), presence derived. */
export function live(c: SiteCounters & { phases?: LiveCounters["phases"] }, status: ConferenceStatus = "in_session"): LiveCounters {
  const phases = c.phases ?? { never_heard: 0, not_yet_live: 0, connected: c.connected, degraded: c.degraded, dropped: c.disconnected };
  return { ...c, phases, presence: presenceCounts(status, phases) };
}

/** A conference snapshot as `conference.get` returns it (the contract's full shape, built in code). */
export function snapshot(
  lastEventId = "10",
  counters: Partial<SiteCounters & { phases: LiveCounters["phases"] }> = {},
  status: ConferenceStatus = "in_session",
): ConferenceSnapshot {
  return {
    conference: {
      id: C,
      title: "Hội nghị quán triệt Nghị quyết",
      orgPath: "/",
      organizerName: "Văn phòng Trung ương Đảng",
      chairName: "Chủ trì hội nghị",
      chairTitle: null,
      mode: "online",
      status,
      scheduledStart: OPENED,
      scheduledEnd: "2026-11-27T05:00:00Z",
      connectingAt: "2026-11-27T00:30:00Z",
      openedAt: OPENED,
      concludedAt: null,
      createdAt: "2026-11-20T02:00:00Z",
    },
    counters: live({ sites: 3, connected: 3, degraded: 0, disconnected: 0, checkedIn: 0, expectedAttendance: 30, presentCount: 0, ...counters }, status),
    myCounters: null,
    agenda: [
      agendaItem({ id: "a1", position: 1, title: "Khai mạc", kind: "opening", status: "in_progress", plannedMinutes: 10, actualStart: OPENED }),
      agendaItem({ id: "a2", position: 2, title: "Báo cáo chính trị", kind: "report", plannedMinutes: 45 }),
    ],
    currentItemId: "a1",
    speaker: null,
    queue: [],
    queueLength: 0,
    speeches: 0,
    documents: [],
    conclusions: [],
    lastEventId,
    at: OPENED,
  };
}

/** Sites as `conference.sites.list` returns them; even ones under Hà Nội (/01/), odd ones under /79/. */
export function sites(count: number): SiteView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i + 1}`,
    conferenceId: C,
    code: String(i + 1).padStart(3, "0"),
    name: `Điểm cầu ${String(i + 1).padStart(2, "0")}`,
    orgPath: i % 2 === 0 ? `/01/01-${i}/` : `/79/79-${i}/`,
    chairName: "Chủ trì điểm cầu",
    chairTitle: null,
    expectedAttendance: 10,
    presentCount: 0,
    checkedInAt: null,
    linkState: "connected" as const,
    lastHeartbeatAt: OPENED,
    lastQuality: 0.95,
    dropCount: 0,
    phase: "connected" as const,
    presence: "connected" as const,
  }));
}

/** The site part of a site event's payload, for site `s<i>` of `sites()`. */
export function siteRef(i: number) {
  return {
    conferenceId: C,
    siteId: `s${i}`,
    siteCode: String(i).padStart(3, "0"),
    siteName: `Điểm cầu ${String(i).padStart(2, "0")}`,
    orgPath: i % 2 === 1 ? `/01/01-${i - 1}/` : `/79/79-${i - 1}/`,
  };
}

let seq = 100;
/** Any event, payload unchecked (other services' events, malformed payloads). */
export function ev(type: string, payload: unknown, over: Partial<EventEnvelope> = {}): EventEnvelope {
  seq++;
  return { id: String(seq), type, orgPath: "/01/", aggregateId: C, occurredAt: `2026-11-27T01:0${seq % 10}:00Z`, payload, ...over };
}

/** A conference event whose payload the compiler checks against the contract: what the service sends. */
export function cev<T extends ConferenceEventType>(type: T, payload: ConferenceEventPayload<T>, over: Partial<EventEnvelope> = {}): EventEnvelope {
  return ev(type, payload, over);
}

/** Site `s<i>`'s link going from one state to another, as the heartbeat path reports it. */
export function linkChange(i: number, from: LinkState, to: LinkState, at = "2026-11-27T01:05:00Z"): ConferenceEventPayload<"conference.site.state_changed"> {
  const down = to === "disconnected";
  // The fixture's sites start connected, so a disconnected link here is one that dropped.
  const phase = (s: LinkState): LinkPhase => (s === "disconnected" ? "dropped" : s);
  return {
    ...siteRef(i),
    from,
    to,
    quality: down ? null : to === "degraded" ? 0.5 : 0.95,
    lastHeartbeatAt: at,
    cause: "heartbeat",
    dropCount: down ? 1 : 0,
    fromPhase: phase(from),
    toPhase: phase(to),
    at,
  };
}

export const drop = (i: number, over: Partial<EventEnvelope> = {}) => cev("conference.site.state_changed", linkChange(i, "connected", "disconnected"), over);

/** A membership event whose payload the compiler checks against the membership contract. */
export function mev<T extends MembershipEventType>(type: T, payload: MembershipEventPayload<T>, over: Partial<EventEnvelope> = {}): EventEnvelope {
  return ev(type, payload, over);
}

/** A report as the service answers it (validated by the contract's own schema, so the fixture cannot drift). */
export function report(over: Partial<AnnualReport> = {}): AnnualReport {
  const zero = { organizations: 0, members: 0 };
  const petitions = { received: 0, notHandled: 0, settled: 0, late: 0 };
  return annualReportOutputSchema.parse({
    orgPath: "/01/",
    year: 2026,
    program: { items: 17, completed: 12, percent: 70.6 },
    inspections: {
      total: { organizations: 15, members: 3 },
      byKind: { signs_of_violation: { organizations: 2, members: 3 }, lower_level_work: { organizations: 13, members: 0 }, party_finance: zero, member_compliance: zero },
      byConductor: { committee: { organizations: 5, members: 0 }, commission: { organizations: 10, members: 3 }, grassroots_committee: zero, cell: zero },
      concluded: 14,
      withViolation: 4,
    },
    supervisions: {
      total: { organizations: 12, members: 5 },
      byKind: { regular: { organizations: 8, members: 5 }, thematic: { organizations: 4, members: 0 } },
      byConductor: { committee: zero, commission: { organizations: 12, members: 5 }, grassroots_committee: zero, cell: zero },
      becameInspections: 1,
    },
    discipline: {
      organizations: { total: 1, byForm: { reprimand: 1, warning: 0, dissolution: 0 } },
      members: { total: 12, byForm: { reprimand: 9, warning: 2, dismissal: 0, expulsion: 1 } },
      effectsRefused: 1,
    },
    petitions: { complaints: { ...petitions, received: 2, settled: 2 }, denunciations: { ...petitions, received: 5, notHandled: 1, settled: 3, late: 1 } },
    watchList: { added: 18, closed: 11, stillWatched: 7 },
    deadlines: { dueWithin5WorkingDays: 2, overdue: 1 },
    ...over,
  });
}
