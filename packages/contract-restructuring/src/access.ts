// Who may read what restructuring publishes: the row the service's policy spreads in and the realtime
// gateway applies alike (issue #9's rule: one row, two enforcers).
import type { AccessRule } from "@orgboard/contracts";

/**
 * `restructuring.events.read` (1.3): a run's progress (plan and province codes, step names, counts; no
 * person), for the boards that may read plans in their scope, and services (the realtime gateway). An
 * event's `orgPath` is the plan's scope or the new province's committee, so a provincial board receives
 * its own province's step events; what it may then read is `restructuring.plans.read`'s decision.
 */
export const restructuringStreamReaders = {
  roles: ["service", "central_board", "provincial_board"],
  scoped: true,
} as const satisfies AccessRule;
