import {
  conferenceEventSchemas,
  isConferenceEventType,
  sitePresence,
  type AgendaItemView,
  type ConclusionView,
  type ConferenceEventPayload,
  type ConferenceEventType,
  type ConferenceSnapshot,
  type ConferenceSummary,
  type DocumentView,
  type LinkPhase,
  type LinkState,
  type LinkPhaseCounts,
  type LiveCounters,
  type SiteCounters,
  type SiteView,
  type SpeakRequestView,
} from "@orgboard/contract-conference";
import { compareVi } from "../lib/collate.js";
import { advance, isApplied, type EventEnvelope, type Watermarks } from "./envelope.js";

export interface Site {
  id: string;
  code: string;
  name: string;
  orgPath: string;
  /** Top-level organization path (`/08/…` → `/08/`): the province tile the site counts in. */
  provincePath: string;
  linkState: LinkState;
  /** `linkPhase` (contract): with the conference's status, `sitePresence` says what to show. */
  phase: LinkPhase;
  /** When the service decided the current link state (from the event); null when loaded from a list. */
  linkChangedAt: string | null;
  checkedIn: boolean;
  presentCount: number;
  expectedAttendance: number;
}

export interface TimelineEntry {
  eventId: string;
  type: ConferenceEventType;
  occurredAt: string;
  params: Record<string, string | number>;
}

/**
 * Counters with sites per phase. Presence counts are derived when shown (`presenceCounts(status, phases)`,
 * the contract's function), never stored: a status change moves every site without a site event.
 */
export type Counters = SiteCounters & { phases: LinkPhaseCounts };

function countersOf(c: LiveCounters): Counters {
  const { presence: _derived, ...rest } = c;
  return rest;
}

// What the screen keeps of the speaker, the queue, documents and conclusions: the fields it shows, which
// both the snapshot and the events carry (an event has less than the service's full view).
export type Speaker = Pick<SpeakRequestView, "id" | "siteId" | "siteName" | "speakerName" | "speakerTitle" | "topic" | "startedAt">;
export type QueuedSpeaker = Pick<SpeakRequestView, "id" | "siteId" | "siteName" | "speakerName" | "sequence">;
export type DocumentRef = Pick<DocumentView, "id" | "number" | "title" | "disseminatedAt">;
export type ConclusionRef = Pick<ConclusionView, "id" | "text" | "createdAt">;

export interface ConferenceState {
  conference: ConferenceSummary;
  /** Over what this official sees (all sites, or their own sites for a provincial official). */
  counters: Counters;
  /**
   * The sites loaded so far: all of them for a conference up to a few hundred sites, otherwise those of
   * the provinces drilled into. Counters never depend on this (they come from the snapshot + events).
   */
  sites: Readonly<Record<string, Site>>;
  /** Loaded site ids in Vietnamese name order. */
  siteIds: readonly string[];
  /** Counters per province (`/08/` → counters), for the national view; null when not loaded. */
  provinces: Readonly<Record<string, Counters & { name: string | null }>> | null;
  agenda: readonly AgendaItemView[];
  currentItemId: string | null;
  speaker: Speaker | null;
  /** Head of the speakers' queue (the service sends the first 50); queueLength is the full length. */
  queue: readonly QueuedSpeaker[];
  queueLength: number;
  documents: readonly DocumentRef[];
  conclusions: readonly ConclusionRef[];
  /** Newest first, capped: the screen shows the recent story, the service keeps the full record. */
  timeline: readonly TimelineEntry[];
  marks: Watermarks;
}

export const TIMELINE_LIMIT = 200;
export const QUEUE_HEAD = 50;

export function provincePathOf(orgPath: string): string {
  const seg = orgPath.split("/")[1];
  return seg ? `/${seg}/` : "/";
}

export function fromSnapshot(s: ConferenceSnapshot): ConferenceState {
  return {
    conference: s.conference,
    counters: countersOf(s.myCounters ?? s.counters),
    sites: {},
    siteIds: [],
    provinces: null,
    agenda: s.agenda,
    currentItemId: s.currentItemId,
    speaker: s.speaker,
    queue: s.queue,
    queueLength: s.queueLength,
    documents: s.documents,
    conclusions: s.conclusions,
    timeline: [],
    marks: s.lastEventId !== "0" ? { conference: s.lastEventId } : {},
  };
}

function toSite(v: SiteView): Site {
  return {
    id: v.id,
    code: v.code,
    name: v.name,
    orgPath: v.orgPath,
    provincePath: provincePathOf(v.orgPath),
    linkState: v.linkState,
    phase: v.phase,
    linkChangedAt: null,
    checkedIn: v.checkedInAt !== null,
    presentCount: v.presentCount,
    expectedAttendance: v.expectedAttendance,
  };
}

/**
 * Add sites read over tRPC after the snapshot. They are at least as new as any event already folded,
 * so they replace what is there; later events update them.
 */
export function withSites(state: ConferenceState, views: readonly SiteView[]): ConferenceState {
  if (!views.length) return state;
  const sites = { ...state.sites };
  for (const v of views) sites[v.id] = toSite(v);
  const siteIds = Object.keys(sites).sort((a, b) => compareVi(sites[a]!.name, sites[b]!.name) || compareVi(sites[a]!.code, sites[b]!.code));
  return { ...state, sites, siteIds };
}

export function withProvinces(
  state: ConferenceState,
  groups: readonly (LiveCounters & { orgPath: string; name: string | null })[],
): ConferenceState {
  const provinces: Record<string, Counters & { name: string | null }> = {};
  for (const g of groups) {
    const { orgPath, name, ...counters } = g;
    provinces[orgPath] = { ...countersOf(counters), name };
  }
  return { ...state, provinces };
}

type Payload<T extends ConferenceEventType> = ConferenceEventPayload<T>;

function moveLink(c: Counters, from: LinkState, to: LinkState, fromPhase: LinkPhase, toPhase: LinkPhase): Counters {
  const out = from === to ? { ...c } : { ...c, [from]: Math.max(0, c[from] - 1), [to]: c[to] + 1 };
  if (fromPhase !== toPhase) out.phases = { ...c.phases, [fromPhase]: Math.max(0, c.phases[fromPhase] - 1), [toPhase]: c.phases[toPhase] + 1 };
  return out;
}

/**
 * Fold a batch of events into the screen state. Pure and idempotent: an event whose id is at or below
 * the service's watermark (already in the snapshot, or replayed after a reconnect) changes nothing, and
 * folding the same batch twice gives the same state. A batch copies the site table at most once, which
 * matters at national size (16,240 sites, many events per second).
 */
export function foldConferenceEvents(state: ConferenceState, events: readonly EventEnvelope[]): ConferenceState {
  let n: ConferenceState | null = null;
  let sites: Record<string, Site> | null = null;
  let provinces: Record<string, Counters & { name: string | null }> | null = null;
  const added: TimelineEntry[] = [];
  const site = (id: string) => (sites ?? state.sites)[id];
  const setSite = (s: Site) => ((sites ??= { ...state.sites })[s.id] = s);
  const updateProvince = (orgPath: string, f: (c: Counters) => Counters) => {
    const key = provincePathOf(orgPath);
    const cur = (provinces ?? state.provinces)?.[key];
    if (!cur) return;
    (provinces ??= { ...state.provinces })[key] = { ...f(cur), name: cur.name };
  };

  for (const e of events) {
    if (e.aggregateId !== state.conference.id || !isConferenceEventType(e.type) || isApplied((n ?? state).marks, e)) continue;
    const s: ConferenceState = (n ??= { ...state });
    s.marks = advance(s.marks, e);
    const parsed = conferenceEventSchemas[e.type].safeParse(e.payload);
    if (!parsed.success) continue; // a payload this build does not understand: skip it, keep the mark
    const params: Record<string, string | number> = {};

    switch (e.type) {
      case "conference.site.state_changed": {
        const p = parsed.data as Payload<typeof e.type>;
        if (p.from !== p.to || p.fromPhase !== p.toPhase) {
          s.counters = moveLink(s.counters, p.from, p.to, p.fromPhase, p.toPhase);
          updateProvince(p.orgPath, (c) => moveLink(c, p.from, p.to, p.fromPhase, p.toPhase));
        }
        const cur = site(p.siteId);
        if (cur) setSite({ ...cur, linkState: p.to, phase: p.toPhase, linkChangedAt: p.at });
        Object.assign(params, { site: p.siteName, state: sitePresence(s.conference.status, p.toPhase) });
        break;
      }
      case "conference.site.checked_in":
      case "conference.site.attendance_changed": {
        const p = parsed.data as Payload<"conference.site.checked_in"> & Partial<Payload<"conference.site.attendance_changed">>;
        const cur = site(p.siteId);
        const first = e.type === "conference.site.checked_in";
        const previous = p.previousCount ?? cur?.presentCount ?? 0;
        const delta = (c: Counters): Counters => ({ ...c, checkedIn: c.checkedIn + (first ? 1 : 0), presentCount: c.presentCount + p.presentCount - previous });
        s.counters = delta(s.counters);
        updateProvince(p.orgPath, delta);
        if (cur) setSite({ ...cur, checkedIn: true, presentCount: p.presentCount });
        Object.assign(params, { site: p.siteName, present: p.presentCount });
        break;
      }
      case "conference.agenda.advanced": {
        const p = parsed.data as Payload<typeof e.type>;
        s.agenda = s.agenda.map((i) =>
          i.id === p.finished?.itemId
            ? { ...i, status: "done" as const, actualEnd: p.finished.actualEnd }
            : i.id === p.started?.itemId
              ? { ...i, status: "in_progress" as const, actualStart: p.started.actualStart, actualEnd: null }
              : i,
        );
        s.currentItemId = p.started?.itemId ?? null;
        params.title = p.started?.title ?? p.finished?.title ?? "";
        params.kind = p.started ? "started" : "finished";
        break;
      }
      case "conference.speaker.registered": {
        const p = parsed.data as Payload<typeof e.type>;
        s.queueLength = p.queueLength;
        if (s.queue.length < QUEUE_HEAD && !s.queue.some((q) => q.id === p.requestId)) {
          s.queue = [...s.queue, { id: p.requestId, siteId: p.siteId, siteName: p.siteName, speakerName: p.speakerName, sequence: p.sequence }];
        }
        Object.assign(params, { name: p.speakerName, site: p.siteName });
        break;
      }
      case "conference.speaker.withdrawn": {
        const p = parsed.data as Payload<typeof e.type>;
        s.queueLength = p.queueLength;
        s.queue = s.queue.filter((q) => q.id !== p.requestId);
        params.site = p.siteName;
        break;
      }
      case "conference.speaker.changed": {
        const p = parsed.data as Payload<typeof e.type>;
        const c = p.current;
        s.speaker = c
          ? { id: c.requestId, siteId: c.siteId, siteName: c.siteName, speakerName: c.speakerName, speakerTitle: c.speakerTitle, topic: c.topic, startedAt: c.startedAt }
          : null;
        if (c) s.queue = s.queue.filter((q) => q.id !== c.requestId);
        s.queueLength = p.queueLength;
        if (!c) continue; // the floor was closed: nothing worth a timeline line
        Object.assign(params, { name: c.speakerName, site: c.siteName });
        break;
      }
      case "conference.document.disseminated": {
        const p = parsed.data as Payload<typeof e.type>;
        s.documents = [...s.documents.filter((d) => d.id !== p.documentId), { id: p.documentId, number: p.number, title: p.title, disseminatedAt: e.occurredAt }];
        params.title = `${p.number} ${p.title}`;
        break;
      }
      case "conference.conclusion.added": {
        const p = parsed.data as Payload<typeof e.type>;
        s.conclusions = [...s.conclusions.filter((c) => c.id !== p.conclusionId), { id: p.conclusionId, text: p.text, createdAt: e.occurredAt }];
        break;
      }
      case "conference.status_changed": {
        const p = parsed.data as Payload<typeof e.type>;
        s.conference = { ...s.conference, status: p.to };
        params.status = p.to;
        break;
      }
    }
    added.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, params });
  }

  if (!n) return state;
  const out: ConferenceState = n;
  if (sites) out.sites = sites;
  if (provinces) out.provinces = provinces;
  if (added.length) out.timeline = [...added.reverse(), ...state.timeline].slice(0, TIMELINE_LIMIT);
  return out;
}

/** The current agenda item and its time: elapsed since start (ticking), planned, and overtime. */
export function agendaProgress(
  agenda: readonly AgendaItemView[],
  currentItemId: string | null,
  now: number,
): { item: AgendaItemView; index: number; elapsedMs: number; plannedMs: number; overtime: boolean } | null {
  const index = agenda.findIndex((i) => i.id === currentItemId);
  const item = agenda[index];
  if (!item?.actualStart) return null;
  const end = item.actualEnd ? Date.parse(item.actualEnd) : now;
  const elapsedMs = Math.max(0, end - Date.parse(item.actualStart));
  const plannedMs = Math.round(item.plannedMinutes * 60_000);
  return { item, index, elapsedMs, plannedMs, overtime: elapsedMs > plannedMs };
}
