// Row → wire shape. Instants become ISO strings; enum-like text columns are narrowed to the domain
// tuples (they were validated on the way in).
import type { AgendaItemView, ConclusionView, ConferenceSummary, DocumentView, SiteView, SpeakRequestView } from "@orgboard/contract-conference";
import {
  linkPhase,
  overrunSeconds,
  sitePresence,
  type AgendaItemKind,
  type AgendaItemStatus,
  type ConferenceMode,
  type ConferenceStatus,
  type DocumentKind,
  type LinkState,
  type SpeakRequestStatus,
} from "../domain/index.js";
import type { AgendaItem, Conclusion, Conference, ConferenceSite, DisseminatedDocument, SpeakRequest } from "../generated/prisma/client.js";

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toConferenceSummary(c: Conference): ConferenceSummary {
  return {
    id: c.id,
    title: c.title,
    orgPath: c.orgPath,
    organizerName: c.organizerName,
    chairName: c.chairName,
    chairTitle: c.chairTitle,
    mode: c.mode as ConferenceMode,
    status: c.status as ConferenceStatus,
    scheduledStart: iso(c.scheduledStart),
    scheduledEnd: iso(c.scheduledEnd),
    connectingAt: isoOrNull(c.connectingAt),
    openedAt: isoOrNull(c.openedAt),
    concludedAt: isoOrNull(c.concludedAt),
    createdAt: iso(c.createdAt),
  };
}

/** A site as the wire shows it; `status` (its conference's) says what its link phase means now. */
export function toSiteView(s: ConferenceSite, status: ConferenceStatus): SiteView {
  const phase = linkPhase({ linkState: s.linkState as LinkState, lastHeartbeatAt: s.lastHeartbeatAt, dropCount: s.dropCount });
  return {
    id: s.id,
    conferenceId: s.conferenceId,
    code: s.code,
    name: s.name,
    orgPath: s.orgPath,
    chairName: s.chairName,
    chairTitle: s.chairTitle,
    expectedAttendance: s.expectedAttendance,
    presentCount: s.presentCount,
    checkedInAt: isoOrNull(s.checkedInAt),
    linkState: s.linkState as LinkState,
    lastHeartbeatAt: isoOrNull(s.lastHeartbeatAt),
    lastQuality: s.lastQuality,
    dropCount: s.dropCount,
    phase,
    presence: sitePresence(status, phase),
  };
}

export function toAgendaItemView(i: AgendaItem, now: Date): AgendaItemView {
  return {
    id: i.id,
    position: i.position,
    title: i.title,
    kind: i.kind as AgendaItemKind,
    status: i.status as AgendaItemStatus,
    plannedMinutes: i.plannedSeconds / 60,
    presenterName: i.presenterName,
    presenterTitle: i.presenterTitle,
    actualStart: isoOrNull(i.actualStart),
    actualEnd: isoOrNull(i.actualEnd),
    overrunSeconds: overrunSeconds(i, now),
  };
}

export function toSpeakRequestView(r: SpeakRequest, site: Pick<ConferenceSite, "code" | "name" | "orgPath">): SpeakRequestView {
  return {
    id: r.id,
    conferenceId: r.conferenceId,
    siteId: r.siteId,
    siteCode: site.code,
    siteName: site.name,
    orgPath: site.orgPath,
    speakerName: r.speakerName,
    speakerTitle: r.speakerTitle,
    topic: r.topic,
    status: r.status as SpeakRequestStatus,
    sequence: r.sequence,
    registeredAt: iso(r.registeredAt),
    startedAt: isoOrNull(r.startedAt),
    endedAt: isoOrNull(r.endedAt),
  };
}

export function toDocumentView(d: DisseminatedDocument): DocumentView {
  return {
    id: d.id,
    agendaItemId: d.agendaItemId,
    number: d.number,
    system: d.system as "party" | "state",
    kind: d.kind as DocumentKind,
    title: d.title,
    issuer: d.issuer,
    issuedOn: d.issuedOn ? d.issuedOn.toISOString().slice(0, 10) : null,
    disseminatedAt: iso(d.disseminatedAt),
  };
}

export function toConclusionView(c: Conclusion): ConclusionView {
  return { id: c.id, agendaItemId: c.agendaItemId, text: c.text, createdAt: iso(c.createdAt), createdBy: c.createdBy };
}
