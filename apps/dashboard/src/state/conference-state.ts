import {
  conferenceEventPayloads,
  type AgendaItemDto,
  type ConclusionDto,
  type ConferenceEventType,
  type ConferenceSummary,
  type DocumentDto,
  type LinkState,
  type LiveSnapshot,
  type SpeakerDto,
} from "../api/conference-schemas.js";
import { compareVi } from "../lib/collate.js";
import { advance, isApplied, type EventEnvelope, type Watermarks } from "./envelope.js";

export interface Site {
  id: string;
  name: string;
  orgPath: string;
  /** First segment of the org path (`/01/…` → `01`): the province the site belongs to. */
  provinceCode: string;
  linkState: LinkState;
  checkedIn: number;
  expected: number;
  linkChangedAt: string | null;
}

export interface TimelineEntry {
  eventId: string;
  type: ConferenceEventType;
  occurredAt: string;
  params: Record<string, string | number>;
}

export interface ConferenceState {
  conference: ConferenceSummary;
  sites: Readonly<Record<string, Site>>;
  /** Site ids in Vietnamese name order (fixed by the snapshot; sites are not added live). */
  siteIds: readonly string[];
  agenda: readonly AgendaItemDto[];
  currentItemId: string | null;
  speaker: SpeakerDto | null;
  queue: readonly SpeakerDto[];
  documents: readonly DocumentDto[];
  conclusions: readonly ConclusionDto[];
  /** Newest first, capped: the screen shows the recent story, the service keeps the full record. */
  timeline: readonly TimelineEntry[];
  marks: Watermarks;
}

export const TIMELINE_LIMIT = 200;

export function provinceCodeOf(orgPath: string): string {
  return orgPath.split("/")[1] ?? "";
}

export function fromSnapshot(s: LiveSnapshot): ConferenceState {
  const sites: Record<string, Site> = {};
  for (const dto of s.sites) {
    sites[dto.id] = {
      id: dto.id,
      name: dto.name,
      orgPath: dto.orgPath,
      provinceCode: provinceCodeOf(dto.orgPath),
      linkState: dto.linkState,
      checkedIn: dto.checkedIn,
      expected: dto.expected,
      linkChangedAt: dto.linkChangedAt ?? null,
    };
  }
  const siteIds = s.sites.map((x) => x.id).sort((a, b) => compareVi(sites[a]!.name, sites[b]!.name));
  return {
    conference: s.conference,
    sites,
    siteIds,
    agenda: s.agenda,
    currentItemId: s.currentItemId ?? null,
    speaker: s.speaker ?? null,
    queue: s.queue,
    documents: s.documents,
    conclusions: s.conclusions,
    timeline: [],
    marks: s.lastEventId ? { conference: s.lastEventId } : {},
  };
}

function isConferenceEventType(type: string): type is ConferenceEventType {
  return Object.hasOwn(conferenceEventPayloads, type);
}

/**
 * Fold a batch of events into the screen state. Pure and idempotent: an event whose id is at or below
 * the service's watermark (already in the snapshot, or replayed after a reconnect) changes nothing, and
 * folding the same batch twice gives the same state. A batch copies the site table at most once, which
 * matters at national size (16,240 sites, many events per second).
 */
export function foldConferenceEvents(state: ConferenceState, events: readonly EventEnvelope[]): ConferenceState {
  let next: ConferenceState | null = null;
  let sitesCopy: Record<string, Site> | null = null;
  const timelineAdds: TimelineEntry[] = [];

  for (const e of events) {
    const cur: ConferenceState = next ?? state;
    if (e.aggregateId !== state.conference.id || !isConferenceEventType(e.type) || isApplied(cur.marks, e)) continue;
    const n: ConferenceState = next ?? { ...state };
    next = n;
    n.marks = advance(n.marks, e);
    const parsed = conferenceEventPayloads[e.type].safeParse(e.payload);
    if (!parsed.success) continue; // a payload this build does not understand: skip it, keep the mark

    const params: Record<string, string | number> = {};
    switch (e.type) {
      case "conference.site.linkChanged": {
        const p = parsed.data as { siteId: string; linkState: LinkState };
        const site = (sitesCopy ?? n.sites)[p.siteId];
        if (!site) continue;
        sitesCopy ??= { ...n.sites };
        sitesCopy[p.siteId] = { ...site, linkState: p.linkState, linkChangedAt: e.occurredAt };
        Object.assign(params, { site: site.name, state: p.linkState });
        break;
      }
      case "conference.site.checkedIn": {
        const p = parsed.data as { siteId: string; checkedIn: number; expected?: number };
        const site = (sitesCopy ?? n.sites)[p.siteId];
        if (!site) continue;
        sitesCopy ??= { ...n.sites };
        const expected = p.expected ?? site.expected;
        sitesCopy[p.siteId] = { ...site, checkedIn: p.checkedIn, expected };
        Object.assign(params, { site: site.name, checkedIn: p.checkedIn, expected });
        break;
      }
      case "conference.agenda.itemStarted": {
        const p = parsed.data as { itemId: string; startedAt: string };
        n.agenda = n.agenda.map((i) => (i.id === p.itemId ? { ...i, startedAt: p.startedAt, endedAt: null } : i));
        n.currentItemId = p.itemId;
        params.title = n.agenda.find((i) => i.id === p.itemId)?.title ?? p.itemId;
        break;
      }
      case "conference.agenda.itemEnded": {
        const p = parsed.data as { itemId: string; endedAt: string };
        n.agenda = n.agenda.map((i) => (i.id === p.itemId ? { ...i, endedAt: p.endedAt } : i));
        if (n.currentItemId === p.itemId) n.currentItemId = null;
        params.title = n.agenda.find((i) => i.id === p.itemId)?.title ?? p.itemId;
        break;
      }
      case "conference.speaker.started": {
        const p = parsed.data as { speaker: SpeakerDto };
        n.speaker = { ...p.speaker, startedAt: p.speaker.startedAt ?? e.occurredAt };
        n.queue = n.queue.filter((q) => q.id !== p.speaker.id);
        params.name = p.speaker.name;
        break;
      }
      case "conference.speaker.queueChanged":
        n.queue = (parsed.data as { queue: SpeakerDto[] }).queue;
        break;
      case "conference.document.published": {
        const d = (parsed.data as { document: DocumentDto }).document;
        n.documents = [...n.documents.filter((x) => x.id !== d.id), d];
        params.title = d.title;
        break;
      }
      case "conference.conclusion.recorded": {
        const c = (parsed.data as { conclusion: ConclusionDto }).conclusion;
        n.conclusions = [...n.conclusions.filter((x) => x.id !== c.id), c];
        break;
      }
      case "conference.statusChanged": {
        const status = (parsed.data as { status: ConferenceSummary["status"] }).status;
        n.conference = { ...n.conference, status };
        params.status = status;
        break;
      }
    }
    timelineAdds.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, params });
  }

  if (!next) return state;
  if (sitesCopy) next.sites = sitesCopy;
  if (timelineAdds.length) next.timeline = [...timelineAdds.reverse(), ...state.timeline].slice(0, TIMELINE_LIMIT);
  return next;
}

export interface LinkCounts {
  total: number;
  connected: number;
  degraded: number;
  disconnected: number;
  unknown: number;
  checkedIn: number;
  expected: number;
}

function emptyCounts(): LinkCounts {
  return { total: 0, connected: 0, degraded: 0, disconnected: 0, unknown: 0, checkedIn: 0, expected: 0 };
}

function add(c: LinkCounts, s: Site): void {
  c.total++;
  c[s.linkState]++;
  c.checkedIn += s.checkedIn;
  c.expected += s.expected;
}

/** The header counters: connected 64/67, attendance checked-in/expected. */
export function summarizeSites(sites: Readonly<Record<string, Site>>): LinkCounts {
  const c = emptyCounts();
  for (const s of Object.values(sites)) add(c, s);
  return c;
}

/** Per-province counts for the national view (one tile per province instead of 16,240). */
export function countsByProvince(sites: Readonly<Record<string, Site>>): Map<string, LinkCounts> {
  const out = new Map<string, LinkCounts>();
  for (const s of Object.values(sites)) {
    let c = out.get(s.provinceCode);
    if (!c) out.set(s.provinceCode, (c = emptyCounts()));
    add(c, s);
  }
  return out;
}

/** The current agenda item and its time: elapsed since start (ticking), planned, and overtime. */
export function agendaProgress(
  agenda: readonly AgendaItemDto[],
  currentItemId: string | null,
  now: number,
): { item: AgendaItemDto; index: number; elapsedMs: number; plannedMs: number; overtime: boolean } | null {
  const index = agenda.findIndex((i) => i.id === currentItemId);
  const item = agenda[index];
  if (!item?.startedAt) return null;
  const end = item.endedAt ? Date.parse(item.endedAt) : now;
  const elapsedMs = Math.max(0, end - Date.parse(item.startedAt));
  const plannedMs = item.plannedMinutes * 60_000;
  return { item, index, elapsedMs, plannedMs, overtime: elapsedMs > plannedMs };
}
