// Who may read membership's change stream. One row, two users: apps/membership's policy
// (`membership.events.read`, the tRPC `membership.events.stream`) and the realtime gateway, which
// delivers membership's events only to the sockets this rule admits (issue #9: the gateway was laxer).
import type { AccessRule } from "@orgboard/contracts";

/** The realtime gateway (service) and the organization boards, each inside its org paths. */
export const membershipStreamReaders = {
  roles: ["service", "central_board", "provincial_board"],
  scoped: true,
} as const satisfies AccessRule;
