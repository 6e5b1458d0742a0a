// Who may read what inspection publishes. Each row has two users that must decide alike (issue #9):
// apps/inspection's policy (spread into its definePolicy) and the realtime gateway, which delivers
// inspection's events per socket by the same rows.
import type { AccessRule } from "@orgboard/contracts";

/**
 * `inspection.events.read` (the tRPC `inspection.events.stream`): case details, so only inspection
 * committees whose scope covers the event's organization, and service accounts (realtime, membership,
 * later personnel).
 */
export const inspectionStreamReaders = {
  roles: ["service", "inspection_committee"],
  scoped: true,
} as const satisfies AccessRule;

/**
 * `inspection.reports.read` (`inspection.report.annual`): counts only, for the boards and the inspection
 * committees, each inside its org paths. Through the gateway, a socket this rule admits but the stream
 * rule does not receives `inspection.figures.changed` instead of the events (see inspectionFiguresNotice).
 */
export const inspectionFiguresReaders = {
  roles: ["central_board", "provincial_board", "inspection_committee"],
  scoped: true,
} as const satisfies AccessRule;

/**
 * Counts-only readers are told that figures changed, never what happened. Every event of the stream
 * changes some figure of `inspection.report.annual` (program items and completion, inspections and
 * supervisions by kind and conductor, conclusions, discipline by form, refused effects, petitions and
 * their deadlines, the watch list), so each maps to a notice for its organization; the notice carries
 * that path only. A type added later maps the same way (a needless refresh at worst, never a leak).
 * Null for anything that is not an inspection event.
 */
export function inspectionFiguresNotice(event: { type: string; orgPath: string }): { orgPath: string } | null {
  return event.type.startsWith("inspection.") ? { orgPath: event.orgPath } : null;
}
