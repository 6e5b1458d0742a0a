// Who may read conference's change stream. One row, two users: apps/conference's policy
// (`conference.events.read`, the tRPC `conference.events.stream`) and the realtime gateway, which
// delivers conference events only to the sockets this rule admits. Every official may follow the live
// conference of their units (`conference.conferences.read`), and the events carry nothing that read
// does not show, so the stream's readers are the same officials plus the gateway's service account.
import { OFFICIAL_ROLES, type AccessRule } from "@orgboard/contracts";

export const conferenceStreamReaders = {
  roles: ["service", ...OFFICIAL_ROLES.filter((r) => r !== "auditor")],
  scoped: true,
} as const satisfies AccessRule;
