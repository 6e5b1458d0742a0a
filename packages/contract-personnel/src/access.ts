// Who may read what personnel publishes: rows the service's policy spreads in and the realtime gateway
// may apply alike (issue #9).
import type { AccessRule } from "@orgboard/contracts";

/** `personnel.events.read`: ids and dates about cadres, so personnel officers in scope and services. */
export const personnelStreamReaders = {
  roles: ["service", "personnel_officer"],
  scoped: true,
} as const satisfies AccessRule;

/** `personnel.reports.read` (planning coverage and structure): counts, for the boards and personnel officers in scope. */
export const personnelFiguresReaders = {
  roles: ["central_board", "provincial_board", "personnel_officer"],
  scoped: true,
} as const satisfies AccessRule;

/**
 * Counts-only readers (the boards) are told that figures changed, never what happened: the realtime
 * gateway sends them `personnel.figures.changed` for the event's organization instead of the event. Every
 * event of the stream can move a figure of the boards' panel (posts and pools: coverage and structure;
 * holdings; vote outcomes; bars and effects), so each maps to a notice for its organization, carrying
 * that path only. Null for anything that is not a personnel event.
 */
export function personnelFiguresNotice(event: { type: string; orgPath: string }): { orgPath: string } | null {
  return event.type.startsWith("personnel.") ? { orgPath: event.orgPath } : null;
}
