import { io, type Socket } from "socket.io-client";
import { parseEnvelope, type EventEnvelope } from "../state/envelope.js";

export type SocketState = "connecting" | "connected" | "disconnected";

type EventListener = (e: EventEnvelope) => void;

/**
 * The live connection to apps/realtime. The socket authenticates with the official's access token
 * (fetched fresh on every (re)connect); the gateway puts it in the rooms of the official's units and
 * pushes their events as `event`. socket.io's connection state recovery replays what a short blink
 * missed; when recovery is not possible, `onResync` listeners reload their snapshot over tRPC.
 */
export class RealtimeConnection {
  private readonly socket: Socket;
  private state: SocketState = "connecting";
  private readonly stateListeners = new Set<() => void>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly resyncListeners = new Set<() => void>();
  private everConnected = false;

  constructor(
    url: string,
    getToken: () => Promise<string>,
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
    this.socket.on("connect", () => {
      const resync = this.everConnected && !this.socket.recovered;
      this.everConnected = true;
      this.setState("connected");
      if (resync) for (const l of this.resyncListeners) l();
    });
    this.socket.on("disconnect", (reason) => {
      this.setState("disconnected");
      // The server closed us (e.g. token expired): reconnect ourselves with a fresh token.
      if (reason === "io server disconnect") this.socket.connect();
    });
    this.socket.io.on("reconnect_attempt", () => this.setState("connecting"));
    this.socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
      this.setState("disconnected");
      if (/unauthori[sz]ed|401|jwt|token/i.test(`${err.message} ${err.data?.code ?? ""}`)) {
        void onUnauthorized().then(() => {
          if (!this.socket.active) this.socket.connect();
        });
      }
    });
    const deliver = (raw: unknown) => {
      const e = parseEnvelope(raw);
      if (e) for (const l of this.eventListeners) l(e);
    };
    this.socket.on("event", deliver);
    this.socket.on("events", (batch: unknown) => {
      if (Array.isArray(batch)) batch.forEach(deliver);
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
