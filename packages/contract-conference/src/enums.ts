// The closed vocabularies of the conference wire: statuses, modes, link states, kinds. The service's
// domain re-exports them, so a value it stores is one the contract names.
export const CONFERENCE_STATUSES = ["scheduled", "connecting_sites", "in_session", "concluded"] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const CONFERENCE_MODES = ["online", "hybrid"] as const;
export type ConferenceMode = (typeof CONFERENCE_MODES)[number];

export const LINK_STATES = ["connected", "degraded", "disconnected"] as const;
export type LinkState = (typeof LINK_STATES)[number];

export const AGENDA_ITEM_KINDS = ["opening", "report", "dissemination", "discussion", "closing"] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_STATUSES = ["pending", "in_progress", "done", "skipped"] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const SPEAK_REQUEST_STATUSES = ["queued", "speaking", "done", "withdrawn", "not_reached"] as const;
export type SpeakRequestStatus = (typeof SPEAK_REQUEST_STATUSES)[number];

/** Kinds of a disseminated document; the service's domain says which type codes each allows. */
export const DOCUMENT_KIND_NAMES = [
  "resolution",
  "decision",
  "regulation",
  "directive",
  "conclusion",
  "rules",
  "circular",
  "guidance",
  "report",
  "plan",
  "scheme",
  "programme",
  "notice",
  "official_letter",
  "law",
  "decree",
] as const;
export type DocumentKind = (typeof DOCUMENT_KIND_NAMES)[number];
