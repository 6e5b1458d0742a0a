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
