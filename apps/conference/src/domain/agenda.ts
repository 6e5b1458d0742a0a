import type { AgendaItemKind, AgendaItemStatus } from "@orgboard/contract-conference";
import { assertInSession, type ConferenceStatus } from "./conference.js";
import { conflict } from "./errors.js";

export { AGENDA_ITEM_KINDS, AGENDA_ITEM_STATUSES, type AgendaItemKind, type AgendaItemStatus } from "@orgboard/contract-conference";

/** Planned durations are kept in seconds: a simulator compresses time and needs sub-minute items. */
export const MAX_ITEM_SECONDS = 8 * 3600;

export interface AgendaItemState {
  id: string;
  position: number;
  kind: AgendaItemKind;
  status: AgendaItemStatus;
  plannedSeconds: number;
  actualStart: Date | null;
  actualEnd: Date | null;
}

export function currentItem<T extends AgendaItemState>(items: readonly T[]): T | undefined {
  return items.find((i) => i.status === "in_progress");
}

/** Seconds an item ran (or has been running at `now`) beyond its planned duration; 0 when on time. */
export function overrunSeconds(item: Pick<AgendaItemState, "plannedSeconds" | "actualStart" | "actualEnd">, now: Date): number {
  if (item.actualStart === null) return 0;
  const end = item.actualEnd ?? now;
  const ranMs = end.getTime() - item.actualStart.getTime();
  return Math.max(0, Math.floor((ranMs - item.plannedSeconds * 1000) / 1000));
}

export interface AgendaAdvance {
  finished: { id: string; actualEnd: Date; overrunSeconds: number } | null;
  started: { id: string; actualStart: Date } | null;
}

/**
 * "Next item": closes the running item and opens the next pending one. The organizer must end a speech
 * first, so that a speech never silently straddles two items.
 */
export function advanceAgenda(status: ConferenceStatus, items: readonly AgendaItemState[], someoneSpeaking: boolean, now: Date): AgendaAdvance {
  assertInSession(status, "Advancing the agenda");
  if (someoneSpeaking) {
    throw conflict("speaker_has_floor", "End the current speech before moving to the next agenda item");
  }
  const sorted = [...items].sort((a, b) => a.position - b.position);
  const running = currentItem(sorted);
  const next = sorted.find((i) => i.status === "pending" && (running === undefined || i.position > running.position));
  if (running === undefined && next === undefined) {
    throw conflict("agenda_complete", "Every agenda item has already been taken up");
  }
  return {
    finished: running ? { id: running.id, actualEnd: now, overrunSeconds: overrunSeconds({ ...running, actualEnd: now }, now) } : null,
    started: next ? { id: next.id, actualStart: now } : null,
  };
}

/** On conclusion: the running item is done, items never reached are skipped. */
export function closeAgenda(items: readonly AgendaItemState[], now: Date): { finishedId: string | null; skippedIds: string[]; actualEnd: Date } {
  const running = currentItem(items);
  return {
    finishedId: running?.id ?? null,
    skippedIds: items.filter((i) => i.status === "pending").map((i) => i.id),
    actualEnd: now,
  };
}
