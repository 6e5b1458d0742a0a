import { until } from "@orgboard/testkit";
import { io as ioClient, type Socket } from "socket.io-client";
import type { LiveEvent, SessionInfo, SnapshotRequired } from "@orgboard/contract-realtime";

export interface TestClient {
  socket: Socket;
  events: LiveEvent[];
  sessions: SessionInfo[];
  snapshots: SnapshotRequired[];
  expired: number;
  disconnects: string[];
  /** Resolves when `n` events have arrived in total (or rejects after `ms`). */
  waitForEvents(n: number, ms?: number): Promise<LiveEvent[]>;
  waitForSessions(n: number, ms?: number): Promise<void>;
  close(): void;
}

export interface ConnectOptions {
  token: string | (() => string);
  topics?: string[];
  reconnectionDelay?: number;
  /** Resolve once connected (default) or return right away. */
  waitConnected?: boolean;
  /** Handshake headers (e.g. X-Forwarded-For, as a proxy in front would add). */
  headers?: Record<string, string>;
}

/** A real socket.io client over a real WebSocket, recording everything it receives. */
export async function connectClient(url: string, opts: ConnectOptions): Promise<TestClient> {
  const tokenOf = () => (typeof opts.token === "function" ? opts.token() : opts.token);
  const socket = ioClient(url, {
    transports: ["websocket"],
    reconnectionDelay: opts.reconnectionDelay ?? 100,
    reconnectionDelayMax: opts.reconnectionDelay ?? 200,
    randomizationFactor: 0,
    forceNew: true,
    ...(opts.headers ? { extraHeaders: opts.headers } : {}),
    auth: (cb) => cb(opts.topics ? { token: tokenOf(), topics: opts.topics } : { token: tokenOf() }),
  });
  const c: TestClient = {
    socket,
    events: [],
    sessions: [],
    snapshots: [],
    expired: 0,
    disconnects: [],
    async waitForEvents(n, ms = 5000) {
      await until(() => c.events.length >= n, ms, `${n} events (have ${c.events.length})`);
      return c.events;
    },
    async waitForSessions(n, ms = 5000) {
      await until(() => c.sessions.length >= n, ms, `${n} sessions (have ${c.sessions.length})`);
    },
    close() {
      socket.disconnect();
    },
  };
  socket.on("event", (e: LiveEvent) => c.events.push(e));
  socket.on("session", (s: SessionInfo) => c.sessions.push(s));
  socket.on("snapshot-required", (s: SnapshotRequired) => c.snapshots.push(s));
  socket.on("auth:expired", () => (c.expired += 1));
  socket.on("disconnect", (reason) => c.disconnects.push(reason));
  if (opts.waitConnected !== false) await c.waitForSessions(1);
  return c;
}

/** Connects and expects a refusal; resolves with the connect_error's message and data. */
export function expectRefused(url: string, auth: Record<string, unknown>, headers?: Record<string, string>): Promise<{ message: string; data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const socket = ioClient(url, { transports: ["websocket"], reconnection: false, forceNew: true, auth, ...(headers ? { extraHeaders: headers } : {}) });
    socket.on("connect", () => {
      socket.disconnect();
      reject(new Error("connected but should have been refused"));
    });
    socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
      socket.disconnect();
      resolve({ message: err.message, data: err.data });
    });
  });
}
