/**
 * The socket protocol between apps/realtime and the dashboards (docs/realtime.md). This file has no Node
 * imports so that the dashboard can import its types (`import type { LiveEvent } from "@orgboard/realtime/protocol"`).
 */

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

/** Subscribing to this topic means "every event in my scope" (the default). */
export const ALL_TOPICS = "*";

export interface LiveEvent<TPayload = unknown> {
  /** The service whose stream carried the event (`membership`, `conference`, ...). */
  service: string;
  /** The outbox id within that service (decimal string, increasing). */
  id: string;
  /** `${service}:${id}`: unique across services; fold events idempotently by this key. */
  key: string;
  type: string;
  orgPath: string;
  aggregateId: string;
  occurredAt: string;
  payload: TPayload;
}

export type SnapshotReason =
  /** First connection of this client, or one the server did not know (e.g. after a gateway restart). */
  | "new-session"
  /** The client tried to recover but was away longer than the recovery window (or its server went away). */
  | "recovery-failed"
  /** The gateway itself may have missed events (its link to the other gateway instances broke). */
  | "gap";

export interface SnapshotRequired {
  reason: SnapshotReason;
}

export interface SessionInfo {
  subject: string;
  orgPaths: string[];
  topics: string[];
  recovered: boolean;
  /** Unix seconds at which the current token expires. */
  expiresAt: number;
  /** How long a disconnection can last and still be recovered, in ms. */
  maxDisconnectionMs: number;
}

export interface AuthExpired {
  expiredAt: number;
}

export type ErrorCode =
  | "missing_token"
  | "invalid_token"
  | "token_expired"
  | "forbidden"
  | "subject_mismatch"
  | "bad_request"
  /** The identity provider's keys could not be fetched: retry later. */
  | "auth_unavailable";

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ProtocolError };
export interface AuthRefreshRequest {
  token: string;
}
export type AuthRefreshAck = Ack<{ expiresAt: number; orgPaths: string[] }>;
export interface SubscribeRequest {
  topics: string[];
}
export type SubscribeAck = Ack<{ topics: string[] }>;

/** Data attached to a `connect_error` when the gateway refuses a socket. */
export interface ConnectErrorData {
  code: ErrorCode;
}

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
