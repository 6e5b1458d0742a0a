// Who may read membership's change stream. One row, two users: apps/membership's policy
// (`membership.events.read`, the tRPC `membership.events.stream`) and the realtime gateway, which
// delivers membership's events only to the sockets this rule admits (issue #9: the gateway was laxer).
import type { AccessRule } from "@orgboard/contracts";

/** The realtime gateway (service) and the organization boards, each inside its org paths. */
export const membershipStreamReaders = {
  roles: ["service", "central_board", "provincial_board"],
  scoped: true,
} as const satisfies AccessRule;

/**
 * `membership.kpi.read` (the KPI summary and report): the figures, for every official role that reads
 * membership (the boards, inspection committees, personnel officers, viewers) and service accounts, each inside
 * its org paths. Through the gateway, a socket this rule admits but the stream rule does not (viewers, inspection
 * committees, personnel officers) receives `membership.figures.changed` instead of membership's events (see
 * membershipFiguresNotice; contract 2.11).
 */
export const membershipFiguresReaders = {
  roles: ["central_board", "provincial_board", "inspection_committee", "personnel_officer", "viewer", "service"],
  scoped: true,
} as const satisfies AccessRule;

/**
 * Figures-only readers are told that figures changed, never what happened (a member's id, a date). Membership's
 * events each change a figure of the KPI summary or the "đang sắp xếp" notice with it (members, admissions,
 * cards, transfers, badges, ratings, targets, organizations, a restructuring mark), so each maps to a notice for
 * its organization's path; a type added later maps the same way (a needless reload at worst, never a leak).
 * Null for anything that is not a membership event.
 */
export function membershipFiguresNotice(event: { type: string; orgPath: string }): { orgPath: string } | null {
  return event.type.startsWith("membership.") ? { orgPath: event.orgPath } : null;
}
