// The conference service's rows of the one policy table (0001). `scoped` actions check the resource's
// org path: the conference's for organizer actions, the site's for site-operator actions.
import { definePolicy } from "@orgboard/auth";
import { conferenceStreamReaders } from "@orgboard/contract-conference";
import { OFFICIAL_ROLES } from "@orgboard/contracts";

/** Every official but the auditor, who reads the audit trail and nothing else. */
const READERS = OFFICIAL_ROLES.filter((r) => r !== "auditor");

export const conferencePolicy = definePolicy({
  /** Snapshot, lists, per-province roll-up. Scope: the conference's org, or one of its sites. */
  "conference.conferences.read": { roles: READERS, scoped: true },
  /** Create a conference in the organizer's subtree. */
  "conference.conferences.create": { roles: ["conference_operator"], scoped: true },
  /** Organizer console: sites, lifecycle, agenda, documents, floor, conclusions. */
  "conference.conferences.run": { roles: ["conference_operator"], scoped: true },
  /** Site-operator console: check in, attendance (own site's org path). */
  "conference.sites.operate": { roles: ["site_operator", "conference_operator"], scoped: true },
  /** Register to speak / withdraw, for the own site. */
  "conference.speakers.register": { roles: ["site_operator", "conference_operator"], scoped: true },
  /** The videoconference bridge posting heartbeats with a service token. */
  "conference.bridge.heartbeat": { roles: ["service"], scoped: false },
  /**
   * The change stream, inside the reader's scope: the realtime gateway (service) and every official who
   * may follow the conference (the row is the contract's, so the gateway delivers by the same rule).
   */
  "conference.events.read": conferenceStreamReaders,
  /** The audit trail of the scope (audit.search): auditors only (docs/security.md "Audit trail"). */
  "conference.audit.read": { roles: ["auditor"], scoped: true },
  /**
   * Restructuring's scope-key rewrite (conference.restructuring.rekey, issue #14): restructuring's service
   * account only (its saga), and only with scope "/" (it moves any subtree). Nobody else, no official.
   */
  "conference.restructuring.rekey": { roles: ["service"], serviceClients: ["restructuring"], scoped: true },
  /** Restructuring's conservation read (counts under paths, records left under closed ones): its service account only, scope "/". */
  "conference.restructuring.conservation": { roles: ["service"], serviceClients: ["restructuring"], scoped: true },
});

export type ConferenceAction = keyof typeof conferencePolicy;
