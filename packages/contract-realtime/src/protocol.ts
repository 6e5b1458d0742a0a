// The socket protocol between apps/realtime and the dashboards (docs/realtime.md): message names and
// the zod schema of each message, from which the TypeScript types are inferred. No Node imports: the
// dashboard bundles this.
import { eventEnvelopeSchema, orgPathSchema } from "@orgboard/contracts";
import { z } from "zod";

/** Server → client: one event from a service's stream, pushed to every socket whose scope contains its orgPath. */
export const EVENT = "event";
/** Server → client: the client holds no state the gateway can top up; reload a snapshot over tRPC. */
export const SNAPSHOT_REQUIRED = "snapshot-required";
/** Server → client: sent once after each (re)connection: who you are, what you receive. */
export const SESSION = "session";
/** Server → client: the access token has expired; the server disconnects right after. */
export const AUTH_EXPIRED = "auth:expired";
/** Client → server (with ack): a fresh access token for the same subject. */
export const AUTH_REFRESH = "auth:refresh";
/** Client → server (with ack): the topics to receive (replaces the previous list). */
export const SUBSCRIBE = "subscribe";
/** socket.io's own event when the gateway refuses a socket; its `data` is `ConnectErrorData`. */
export const CONNECT_ERROR = "connect_error";

/** Subscribing to this topic means "every event in my scope" (the default). */
export const ALL_TOPICS = "*";

/** `event`: a service's event envelope plus the stream that carried it. */
export const liveEventSchema = eventEnvelopeSchema.extend({
  /** The service whose stream carried the event (`membership`, `conference`, ...). */
  service: z.string().min(1),
  /** `${service}:${id}`: unique across services; fold events idempotently by this key. */
  key: z.string().min(1),
});
export type LiveEvent<TPayload = unknown> = Omit<z.infer<typeof liveEventSchema>, "payload"> & { payload: TPayload };

/**
 * The type of a content-free `event` the gateway derives from inspection's stream for counts-only readers
 * (boards that may read `inspection.report.annual` but not inspection's events): "the figures of this
 * organization changed, reload them". `service` is "inspection", `id`/`key` are those of the inspection
 * event it stands for (so the per-service id watermark folds it like any event), `aggregateId` and
 * `payload.orgPath` are the organization; nothing else of the event is sent.
 */
export const INSPECTION_FIGURES_CHANGED = "inspection.figures.changed";

/**
 * The same notice from personnel's stream (1.2): boards may read personnel's figures (planning coverage,
 * structure ratios) but not its events (ids and dates about cadres); `service` is "personnel".
 */
export const PERSONNEL_FIGURES_CHANGED = "personnel.figures.changed";

/**
 * The same notice from membership's stream (1.4): viewers, inspection committees and personnel officers may read
 * membership's figures (the KPI summary, "đang sắp xếp") but not its events; `service` is "membership".
 */
export const MEMBERSHIP_FIGURES_CHANGED = "membership.figures.changed";
export const figuresChangedSchema = z.object({ orgPath: orgPathSchema });
export type FiguresChanged = z.infer<typeof figuresChangedSchema>;

/**
 * A content-free `event` the gateway derives from membership's `membership.organization.marked` (1.3) for the
 * sockets scoped BELOW the marked organization (a district's or a commune's board under a marked province
 * committee): the mark applies to their units too ("đang sắp xếp" in their own reads), but the event, at the
 * committee's path, is outside their rooms. `service` is "membership", `id`/`key` those of the event it stands
 * for, `orgPath` = `aggregateId` = `payload.orgPath` the marked organization's path (an ancestor of the
 * socket's scope, which its own path already names), `payload.moving` set or lifted; nothing else is sent.
 */
export const MEMBERSHIP_ANCESTOR_MARKED = "membership.ancestor.marked";
export const ancestorMarkedSchema = z.object({ orgPath: orgPathSchema, moving: z.boolean() });
export type AncestorMarked = z.infer<typeof ancestorMarkedSchema>;

export const SNAPSHOT_REASONS = [
  /** First connection of this client, or one the server did not know (e.g. after a gateway restart). */
  "new-session",
  /** The client tried to recover but was away longer than the recovery window (or its server went away). */
  "recovery-failed",
  /** The gateway itself may have missed events (its link to the other gateway instances broke). */
  "gap",
] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

export const snapshotRequiredSchema = z.object({ reason: z.enum(SNAPSHOT_REASONS) });
export type SnapshotRequired = z.infer<typeof snapshotRequiredSchema>;

export const sessionInfoSchema = z.object({
  subject: z.string(),
  orgPaths: z.array(z.string()),
  topics: z.array(z.string()),
  recovered: z.boolean(),
  /** Unix seconds at which the current token expires. */
  expiresAt: z.number(),
  /** How long a disconnection can last and still be recovered, in ms. */
  maxDisconnectionMs: z.number(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const authExpiredSchema = z.object({ expiredAt: z.number() });
export type AuthExpired = z.infer<typeof authExpiredSchema>;

export const ERROR_CODES = [
  "missing_token",
  "invalid_token",
  "token_expired",
  "forbidden",
  "subject_mismatch",
  "bad_request",
  /** The identity provider's keys could not be fetched: retry later. */
  "auth_unavailable",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const protocolErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type ProtocolError = z.infer<typeof protocolErrorSchema>;

/** An acknowledgement: `{ ok: true, ...T }` or `{ ok: false, error }`. */
export const ackSchema = <T extends z.ZodRawShape>(shape: T) =>
  z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), ...shape }), z.object({ ok: z.literal(false), error: protocolErrorSchema })]);
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ProtocolError };

export const authRefreshRequestSchema = z.object({ token: z.string() });
export type AuthRefreshRequest = z.infer<typeof authRefreshRequestSchema>;
export const authRefreshAckSchema = ackSchema({ expiresAt: z.number(), orgPaths: z.array(z.string()) });
export type AuthRefreshAck = z.infer<typeof authRefreshAckSchema>;

export const subscribeRequestSchema = z.object({ topics: z.array(z.string()) });
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;
export const subscribeAckSchema = ackSchema({ topics: z.array(z.string()) });
export type SubscribeAck = z.infer<typeof subscribeAckSchema>;

/** Data attached to a `connect_error` when the gateway refuses a socket. */
export const connectErrorDataSchema = z.object({ code: z.enum(ERROR_CODES) });
export type ConnectErrorData = z.infer<typeof connectErrorDataSchema>;

export interface ServerToClientEvents {
  [EVENT]: (event: LiveEvent) => void;
  [SNAPSHOT_REQUIRED]: (info: SnapshotRequired) => void;
  [SESSION]: (info: SessionInfo) => void;
  [AUTH_EXPIRED]: (info: AuthExpired) => void;
}

export interface ClientToServerEvents {
  [AUTH_REFRESH]: (req: AuthRefreshRequest, ack: (res: AuthRefreshAck) => void) => void;
  [SUBSCRIBE]: (req: SubscribeRequest, ack: (res: SubscribeAck) => void) => void;
}
