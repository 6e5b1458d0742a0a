import {
  AUTH_EXPIRED,
  AUTH_REFRESH,
  CONNECT_ERROR,
  EVENT,
  SNAPSHOT_REQUIRED,
  type AuthRefreshAck,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@orgboard/contract-realtime";
import { io, type Socket } from "socket.io-client";
import { parseEnvelope, type EventEnvelope } from "../state/envelope.js";

// The socket protocol of apps/realtime is its contract, @orgboard/contract-realtime (docs/realtime.md):
// the dashboard depends on the gateway's wire protocol, not on its server code.

export type SocketState = "connecting" | "connected" | "disconnected";
type EventListener = (e: EventEnvelope) => void;

/**
 * The live connection to apps/realtime. The socket authenticates with the official's access token
 * (`auth.token`, fetched fresh on every (re)connect), and hands the gateway each refreshed token
 * (`auth:refresh`) so a long session is not cut when the first token expires. The gateway puts the
 * socket in the rooms of the official's units and pushes their events. socket.io's connection state
 * recovery replays what a short blink missed; when the gateway says `snapshot-required` (new session,
 * recovery failed, gap), `onResync` listeners reload their snapshot over tRPC.
 */
export class RealtimeConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private state: SocketState = "connecting";
  private readonly stateListeners = new Set<() => void>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly resyncListeners = new Set<() => void>();

  constructor(
    url: string,
    private readonly getToken: () => Promise<string>,
    onUnauthorized: () => Promise<void>,
  ) {
    this.socket = io(url, {
      auth: (cb) => {
        getToken().then(
          (token) => cb({ token }),
          () => cb({}),
        );
      },
      reconnectionDelayMax: 5000,
    });
    this.socket.on("connect", () => this.setState("connected"));
    this.socket.on("disconnect", (reason) => {
      this.setState("disconnected");
      // The gateway closed us (token expired): reconnect with a fresh token; the socket.io client does not.
      if (reason === "io server disconnect") this.socket.connect();
    });
    this.socket.io.on("reconnect_attempt", () => this.setState("connecting"));
    this.socket.on(CONNECT_ERROR, (err: Error & { data?: { code?: string } }) => {
      this.setState("disconnected");
      const code = err.data?.code;
      if (code === "token_expired" || code === "invalid_token" || code === "missing_token") {
        void onUnauthorized().then(() => {
          if (!this.socket.active) this.socket.connect();
        });
      }
    });
    this.socket.on(AUTH_EXPIRED, () => void this.sendToken());
    this.socket.on(SNAPSHOT_REQUIRED, () => {
      for (const l of this.resyncListeners) l();
    });
    this.socket.on(EVENT, (raw) => {
      const e = parseEnvelope(raw);
      if (e) for (const l of this.eventListeners) l(e);
    });
  }

  /** Give the gateway the current token (called after each refresh). */
  async sendToken(): Promise<void> {
    if (!this.socket.connected) return;
    const token = await this.getToken();
    await new Promise<void>((resolve) => {
      this.socket.timeout(5000).emit(AUTH_REFRESH, { token }, (_err: unknown, _ack: AuthRefreshAck) => resolve());
    });
  }

  readonly getState = (): SocketState => this.state;
  readonly subscribeState = (l: () => void): (() => void) => {
    this.stateListeners.add(l);
    return () => this.stateListeners.delete(l);
  };

  onEvent(l: EventListener): () => void {
    this.eventListeners.add(l);
    return () => this.eventListeners.delete(l);
  }

  onResync(l: () => void): () => void {
    this.resyncListeners.add(l);
    return () => this.resyncListeners.delete(l);
  }

  close(): void {
    this.socket.close();
  }

  private setState(s: SocketState): void {
    if (this.state === s) return;
    this.state = s;
    for (const l of this.stateListeners) l();
  }
}
