// The gateway's wire surface as a contract: it has no tRPC procedures, so every socket message is one
// of the contract's `events`, keyed by its socket event name, its schema being what the receiver gets:
//   server → client: `event`, `snapshot-required`, `session`, `auth:expired`, `connect_error` (its data);
//   client → server: `auth:refresh`, `subscribe`, and the gateway's answers to them as `<name>#ack`.
// Derived `event` types the gateway itself produces are listed by type with their payload schema
// (`inspection.figures.changed`, `personnel.figures.changed`, `membership.ancestor.marked`, `membership.figures.changed`). The compatibility gate compares these as it compares any service's
// event payloads.
import { defineContract } from "@orgboard/contracts";
import {
  AUTH_EXPIRED,
  AUTH_REFRESH,
  authExpiredSchema,
  authRefreshAckSchema,
  authRefreshRequestSchema,
  CONNECT_ERROR,
  connectErrorDataSchema,
  EVENT,
  figuresChangedSchema,
  INSPECTION_FIGURES_CHANGED,
  MEMBERSHIP_ANCESTOR_MARKED,
  MEMBERSHIP_FIGURES_CHANGED,
  ancestorMarkedSchema,
  liveEventSchema,
  PERSONNEL_FIGURES_CHANGED,
  SESSION,
  sessionInfoSchema,
  SNAPSHOT_REQUIRED,
  snapshotRequiredSchema,
  SUBSCRIBE,
  subscribeAckSchema,
  subscribeRequestSchema,
} from "./protocol.js";

export const realtimeContract = defineContract({
  service: "realtime",
  version: "1.4",
  procedures: {},
  events: {
    [EVENT]: liveEventSchema,
    [SNAPSHOT_REQUIRED]: snapshotRequiredSchema,
    [SESSION]: sessionInfoSchema,
    [AUTH_EXPIRED]: authExpiredSchema,
    [CONNECT_ERROR]: connectErrorDataSchema,
    [AUTH_REFRESH]: authRefreshRequestSchema,
    [`${AUTH_REFRESH}#ack`]: authRefreshAckSchema,
    [SUBSCRIBE]: subscribeRequestSchema,
    [`${SUBSCRIBE}#ack`]: subscribeAckSchema,
    /** payload of an `event` of this type (1.1) */
    [INSPECTION_FIGURES_CHANGED]: figuresChangedSchema,
    /** payload of an `event` of this type (1.2) */
    [PERSONNEL_FIGURES_CHANGED]: figuresChangedSchema,
    /** payload of an `event` of this type (1.4) */
    [MEMBERSHIP_FIGURES_CHANGED]: figuresChangedSchema,
    /** payload of an `event` of this type (1.3) */
    [MEMBERSHIP_ANCESTOR_MARKED]: ancestorMarkedSchema,
  },
});

/** The same value under the name every contract package exports (the compatibility gate loads `contract`). */
export const contract = realtimeContract;
export type RealtimeContract = typeof realtimeContract;
