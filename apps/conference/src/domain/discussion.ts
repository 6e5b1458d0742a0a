// Discussion: sites register to speak, the organizer gives the floor to one at a time.
import type { SpeakRequestStatus } from "@orgboard/contract-conference";
import type { AgendaItemKind } from "./agenda.js";
import { assertInSession, assertLive, assertTransition, type ConferenceStatus } from "./conference.js";
import { conflict } from "./errors.js";
import type { LinkState } from "./link.js";

export { SPEAK_REQUEST_STATUSES, type SpeakRequestStatus } from "@orgboard/contract-conference";

/** Statuses that still hold a place: a site has at most one at a time. */
export const ACTIVE_SPEAK_STATUSES: readonly SpeakRequestStatus[] = ["queued", "speaking"];

export interface SpeakRequestState {
  id: string;
  siteId: string;
  status: SpeakRequestStatus;
  /** Order of registration within the conference (1, 2, ...): the queue order. */
  sequence: number;
}

export interface SpeakingSite {
  checkedInAt: Date | null;
  linkState: LinkState;
}

export function assertCanRegister(status: ConferenceStatus, site: SpeakingSite, activeOfSite: SpeakRequestState | undefined): void {
  assertLive(status, "Registering to speak");
  if (site.checkedInAt === null) {
    throw conflict("not_checked_in", "A site must check in before registering to speak");
  }
  if (activeOfSite !== undefined) {
    throw conflict(
      "already_registered",
      activeOfSite.status === "speaking" ? "The site is speaking now" : "The site is already in the speakers' queue",
    );
  }
}

export function assertCanWithdraw(status: ConferenceStatus, request: SpeakRequestState): void {
  assertLive(status, "Withdrawing a request to speak");
  if (request.status !== "queued") {
    throw conflict("not_queued", `Only a queued request can be withdrawn (this one is "${request.status}")`);
  }
}

/** The queue in speaking order. */
export function queueOrder<T extends SpeakRequestState>(requests: readonly T[]): T[] {
  return requests.filter((r) => r.status === "queued").sort((a, b) => a.sequence - b.sequence);
}

/**
 * Give the floor to `request` (the organizer may pick out of order, as a chair does; by default the head
 * of the queue). A disconnected site cannot be heard, so it cannot take the floor.
 */
export function assertCanGiveFloor(
  status: ConferenceStatus,
  currentItemKind: AgendaItemKind | undefined,
  speaking: SpeakRequestState | undefined,
  request: SpeakRequestState,
  site: SpeakingSite,
): void {
  assertInSession(status, "Giving the floor");
  if (currentItemKind !== "discussion") {
    throw conflict("not_discussion", "The floor can only be given during a discussion agenda item");
  }
  if (speaking !== undefined) {
    throw conflict("speaker_has_floor", "Another site has the floor: end that speech first");
  }
  if (request.status !== "queued") {
    throw conflict("not_queued", `Only a queued request can be given the floor (this one is "${request.status}")`);
  }
  if (site.linkState === "disconnected") {
    throw conflict("site_disconnected", "A disconnected site cannot take the floor");
  }
}

export function assertCanEndSpeech(status: ConferenceStatus, speaking: SpeakRequestState | undefined): SpeakRequestState {
  assertInSession(status, "Ending a speech");
  if (speaking === undefined) {
    throw conflict("no_speaker", "Nobody has the floor");
  }
  return speaking;
}

/** The contract bounds a conclusion's text (its input schema). */
export { MAX_CONCLUSION_LENGTH } from "@orgboard/contract-conference";

export function assertCanAddConclusion(status: ConferenceStatus): void {
  assertInSession(status, "Adding a conclusion");
}

export function assertCanConclude(status: ConferenceStatus, speaking: SpeakRequestState | undefined): void {
  assertTransition(status, "concluded");
  if (speaking !== undefined) {
    throw conflict("speaker_has_floor", "End the current speech before concluding the conference");
  }
}
