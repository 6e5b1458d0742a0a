import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { definePolicy, decide, TokenError, type Principal, type TokenVerifier } from "@orgboard/auth";
import { OFFICIAL_ROLES, type EventEnvelope } from "@orgboard/contracts";
import { bilingual, forwardedClientAddress } from "@orgboard/server-kit";
import { Server, type Socket } from "socket.io";
import { memoryAdapter, pgAdapter, type PgBus } from "./adapters.js";
import type { SessionLogOptions } from "./session-log.js";
import {
  ALL_TOPICS,
  AUTH_EXPIRED,
  AUTH_REFRESH,
  EVENT,
  SESSION,
  SNAPSHOT_REQUIRED,
  SUBSCRIBE,
  type AuthRefreshAck,
  type ClientToServerEvents,
  type ErrorCode,
  type LiveEvent,
  type ServerToClientEvents,
  type SnapshotReason,
  type SubscribeAck,
} from "@orgboard/contract-realtime";
import { grantsOf, registerStreamPolicies, STREAM_ACCESS, type StreamAccessTable } from "./access.js";
import { eventRooms, inheritedRooms, normalizeTopics, socketRooms } from "./rooms.js";

export const SUBSCRIBE_ACTION = "realtime.events.subscribe";
const VIEWING_ROLES = OFFICIAL_ROLES;
// Every official who can open a dashboard may hold a socket; what it receives is cut by its orgPaths.
// Service accounts have no business on the socket.
definePolicy({ [SUBSCRIBE_ACTION]: { roles: VIEWING_ROLES, scoped: true } });

export interface SocketData {
  principal: Principal;
  /** Unix seconds. */
  exp: number;
  topics: string[];
}
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface GatewayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface HealthReport {
  ready: boolean;
  details?: Record<string, unknown>;
}

export interface GatewayOptions {
  verifier: Pick<TokenVerifier, "verifyAccessToken">;
  /** In-memory (one instance, embedded default) or PostgreSQL (several instances behind sticky sessions). */
  adapter: { kind: "memory" } | { kind: "postgres"; bus: PgBus; heartbeatIntervalMs?: number; heartbeatTimeoutMs?: number };
  /** Replay log cap (packets) for connection state recovery. */
  maxReplayPackets?: number;
  maxDisconnectionMs: number;
  corsOrigins?: string[];
  logger?: GatewayLogger;
  /** Extra readiness checks (adapter database, ...) and details for /readyz. */
  health?: () => Promise<HealthReport>;
  /** socket.io's ping interval/timeout: how fast a dead client is noticed. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Who may receive each service's events (default: the services' contract rows, access.ts). */
  streams?: StreamAccessTable;
  /** Sockets per principal and per address, messages per socket (docs/security.md "Limits"); default none. */
  limits?: SocketLimits;
}

/** Realtime's socket limits, per instance (REALTIME_MAX_SOCKETS_PER_*, REALTIME_MESSAGES_PER_MINUTE). 0 = no limit. */
export interface SocketLimits {
  /** Open sockets one principal (token `sub`) may hold; one more is refused at the handshake. */
  perPrincipal: number;
  /** Open sockets from one client address (see proxyHops). */
  perAddress: number;
  /** Messages (auth:refresh, subscribe, anything) one socket may send per minute; beyond, it is disconnected. */
  messagesPerMinute: number;
  /** Proxies in front that append to X-Forwarded-For (RATE_LIMIT_PROXY_HOPS). */
  proxyHops: number;
}

export const NO_SOCKET_LIMITS: SocketLimits = { perPrincipal: 0, perAddress: 0, messagesPerMinute: 0, proxyHops: 0 };
const MESSAGE_WINDOW_MS = 60_000;

/** Open sockets per key; a slot is taken before the connection completes, so parallel handshakes cannot overshoot. */
class SocketCounter {
  private readonly open = new Map<string, number>();
  constructor(private readonly max: number) {}
  tryTake(key: string): boolean {
    if (this.max === 0) return true;
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return false;
    this.open.set(key, n + 1);
    return true;
  }
  release(key: string): void {
    if (this.max === 0) return;
    const n = (this.open.get(key) ?? 1) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
  }
}

export class ProtocolErrorWithCode extends Error {
  readonly data: { code: ErrorCode };
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.data = { code };
  }
}

function tokenErrorCode(err: unknown): { code: ErrorCode; message: string } {
  if (err instanceof TokenError) {
    if (err.reason === "missing") return { code: "missing_token", message: err.message };
    if (err.reason === "expired") return { code: "token_expired", message: err.message };
    if (err.reason === "jwks_unavailable") return { code: "auth_unavailable", message: err.message };
    return { code: "invalid_token", message: err.message };
  }
  return { code: "invalid_token", message: bilingual("Chưa xác thực: không kiểm tra được mã truy cập", "Unauthorized: the access token could not be verified") };
}

/** `exp` of a token that was just verified (so its payload is trusted); 0 if absent. */
function expOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown };
    return typeof payload.exp === "number" ? payload.exp : 0;
  } catch {
    return 0;
  }
}

const noopLogger: GatewayLogger = { info() {}, warn() {}, error() {}, debug() {} };
const MAX_TIMER_MS = 2_147_483_647;

export interface Gateway {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  readonly httpServer: HttpServer;
  /** Pushes one event of `service` to every socket whose scope and topics contain it. */
  publish(service: string, event: EventEnvelope): void;
  /** Tells every socket on this instance to reload a snapshot (not replayed on recovery). */
  requireSnapshotLocally(reason: SnapshotReason): void;
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Closes sockets, socket.io and the HTTP server. */
  close(): Promise<void>;
  readonly stats: { published: number; connections: number };
}

export function createGateway(opts: GatewayOptions): Gateway {
  const logger = opts.logger ?? noopLogger;
  const streams = opts.streams ?? STREAM_ACCESS;
  registerStreamPolicies(streams);
  const unknownServices = new Set<string>();
  const limits = opts.limits ?? NO_SOCKET_LIMITS;
  const perPrincipal = new SocketCounter(limits.perPrincipal);
  const perAddress = new SocketCounter(limits.perAddress);
  let draining = false;
  const stats = { published: 0, connections: 0 };

  const httpServer = createServer((req, res) => {
    void handleHttp(req, res);
  });

  /** Whether `authorization` is a valid bearer token of a service account (role `service`). */
  async function mayReadDetails(authorization: string | undefined): Promise<boolean> {
    if (!authorization?.startsWith("Bearer ")) return false;
    try {
      const principal = await opts.verifier.verifyAccessToken(authorization.slice("Bearer ".length));
      return principal.roles.includes("service");
    } catch {
      return false;
    }
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && path === "/healthz") return json(200, { status: "ok", service: "realtime" });
    if (req.method === "GET" && path === "/readyz") {
      if (draining) return json(503, { status: "draining" });
      try {
        const h = (await opts.health?.()) ?? { ready: true };
        const status = h.ready ? "ready" : "not ready";
        // Public: ready or not only. The details (connection counts, memory, streams) help an attacker size
        // and time a flood, so only a service token (monitoring's client credentials) sees them.
        if (!(await mayReadDetails(req.headers.authorization))) return json(h.ready ? 200 : 503, { status });
        const mem = process.memoryUsage();
        const body = {
          status,
          connections: io.engine.clientsCount,
          published: stats.published,
          memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
          ...h.details,
        };
        return json(h.ready ? 200 : 503, body);
      } catch (err) {
        logger.warn({ err }, "readiness check failed");
        return json(503, { status: "not ready" });
      }
    }
    json(404, { error: { message: bilingual("Không tìm thấy", "Not found"), data: { code: "NOT_FOUND", httpStatus: 404 } } });
  }

  const recovery: SessionLogOptions = {
    maxDisconnectionMs: opts.maxDisconnectionMs,
    maxPackets: opts.maxReplayPackets,
    // A session whose token has expired meanwhile is not restored: its missed packets are never sent.
    isRestorable: (s) => ((s.data as Partial<SocketData> | undefined)?.exp ?? 0) * 1000 > Date.now(),
  };
  const a = opts.adapter;
  const adapter =
    a.kind === "memory"
      ? memoryAdapter(recovery)
      : pgAdapter(a.bus, { recovery, heartbeatInterval: a.heartbeatIntervalMs, heartbeatTimeout: a.heartbeatTimeoutMs });
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    adapter: adapter as never,
    serveClient: false,
    cors: opts.corsOrigins && opts.corsOrigins.length > 0 ? { origin: opts.corsOrigins } : undefined,
    pingInterval: opts.pingIntervalMs ?? 25_000,
    pingTimeout: opts.pingTimeoutMs ?? 20_000,
    // Events are small JSON; a client sends only tokens and topic lists.
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: {
      maxDisconnectionDuration: opts.maxDisconnectionMs,
      // Re-verify the token even on recovery: a session must not outlive its token.
      skipMiddlewares: false,
    },
  });

  async function authenticate(token: unknown): Promise<{ principal: Principal; exp: number }> {
    if (typeof token !== "string" || token.length === 0) {
      throw new ProtocolErrorWithCode("missing_token", bilingual("Chưa xác thực: chưa gửi mã truy cập (gửi trong auth.token khi bắt tay)", "Unauthorized: no access token (send it as auth.token in the handshake)"));
    }
    let principal: Principal;
    try {
      principal = await opts.verifier.verifyAccessToken(token);
    } catch (err) {
      const { code, message } = tokenErrorCode(err);
      throw new ProtocolErrorWithCode(code, message);
    }
    const decision = decide(principal, SUBSCRIBE_ACTION);
    if (!decision.allowed) {
      throw new ProtocolErrorWithCode("forbidden", bilingual("Không có quyền: tài khoản này không được nhận dữ liệu trực tiếp (không có vai trò xem bảng điều khiển)", "Forbidden: this account may not receive live events (no dashboard role)"));
    }
    if (principal.orgPaths.length === 0) {
      throw new ProtocolErrorWithCode("forbidden", bilingual("Không có quyền: mã truy cập không cấp phạm vi tổ chức nào (org_paths rỗng)", "Forbidden: the token grants no organization scope (org_paths is empty)"));
    }
    return { principal, exp: expOf(token) };
  }

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown; topics?: unknown };
    authenticate(auth.token).then(
      ({ principal, exp }) => {
        const restored = socket.recovered ? (socket.data as Partial<SocketData>) : undefined;
        if (restored?.principal && restored.principal.subject !== principal.subject) {
          return next(new ProtocolErrorWithCode("subject_mismatch", bilingual("Chưa xác thực: mã truy cập thuộc người dùng khác với phiên này", "Unauthorized: the token belongs to another user than this session")));
        }
        let topics = restored?.topics;
        if (!topics) {
          if (auth.topics === undefined) topics = [ALL_TOPICS];
          else {
            const t = normalizeTopics(auth.topics);
            if (!t.ok) return next(new ProtocolErrorWithCode("bad_request", `${bilingual("Bắt tay không hợp lệ", "Bad handshake")}: auth.${t.message}`));
            topics = t.topics;
          }
        }
        // The limits after authentication: an anonymous flood is refused at the token check, unanswered
        // by any count; the address is counted for every socket (an office's officials share one).
        const address = forwardedClientAddress(socket.handshake.headers["x-forwarded-for"], () => socket.handshake.address, limits.proxyHops);
        if (!perAddress.tryTake(address)) {
          logger.warn({ limit: "address", max: limits.perAddress }, "socket refused: too many sockets from one address");
          return next(new ProtocolErrorWithCode("forbidden", bilingual(`Quá nhiều kết nối từ một địa chỉ (tối đa ${limits.perAddress})`, `Too many sockets from one address (at most ${limits.perAddress})`)));
        }
        if (!perPrincipal.tryTake(principal.subject)) {
          perAddress.release(address);
          logger.warn({ limit: "principal", max: limits.perPrincipal, subject: principal.subject }, "socket refused: too many sockets of one principal");
          return next(
            new ProtocolErrorWithCode("forbidden", bilingual(`Tài khoản đã mở quá nhiều kết nối (tối đa ${limits.perPrincipal}): đóng bớt các tab`, `Too many sockets for this account (at most ${limits.perPrincipal}): close some tabs`)),
          );
        }
        // Released exactly once, whether the socket disconnects or its connection closes before connecting.
        let held = true;
        const release = () => {
          if (!held) return;
          held = false;
          perPrincipal.release(principal.subject);
          perAddress.release(address);
        };
        socket.once("disconnect", release);
        socket.conn.once("close", release);
        socket.data = { principal, exp, topics };
        next();
      },
      (err: unknown) => {
        const e = err instanceof ProtocolErrorWithCode ? err : new ProtocolErrorWithCode("invalid_token", bilingual("Chưa xác thực", "Unauthorized"));
        logger.info({ code: e.data.code }, "socket refused");
        next(e);
      },
    );
  });

  const expiryTimers = new Map<string, NodeJS.Timeout>();

  function armExpiry(socket: GatewaySocket): void {
    clearTimeout(expiryTimers.get(socket.id));
    const { exp } = socket.data;
    if (!exp) return;
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, exp * 1000 - Date.now()));
    const timer = setTimeout(() => {
      expiryTimers.delete(socket.id);
      logger.info({ subject: socket.data.principal.subject }, "access token expired: disconnecting socket");
      socket.emit(AUTH_EXPIRED, { expiredAt: exp });
      socket.disconnect(true);
    }, ms);
    timer.unref();
    expiryTimers.set(socket.id, timer);
  }

  async function syncRooms(socket: GatewaySocket): Promise<void> {
    // The stream-read decision per service and path, taken again whenever the principal or topics change.
    const wanted = socketRooms(grantsOf(socket.data.principal, streams), socket.data.topics);
    const stale = [...socket.rooms].filter((r) => r !== socket.id && !wanted.has(r));
    for (const r of stale) await socket.leave(r);
    const missing = [...wanted].filter((r) => !socket.rooms.has(r));
    if (missing.length > 0) await socket.join(missing);
  }

  function sessionInfo(socket: GatewaySocket) {
    return {
      subject: socket.data.principal.subject,
      orgPaths: socket.data.principal.orgPaths,
      topics: socket.data.topics,
      recovered: socket.recovered,
      expiresAt: socket.data.exp,
      maxDisconnectionMs: opts.maxDisconnectionMs,
    };
  }

  io.on("connection", (socket: GatewaySocket) => {
    stats.connections += 1;
    armExpiry(socket);
    const hadSession = typeof (socket.handshake.auth as { pid?: unknown }).pid === "string";
    if (limits.messagesPerMinute > 0) {
      // Fixed one-minute windows per socket: a dashboard sends a few messages a minute (a token refresh
      // every few minutes, a subscribe per screen); a socket past the cap is flooding and is cut.
      let windowStart = Date.now();
      let count = 0;
      socket.use((_packet, next) => {
        const now = Date.now();
        if (now - windowStart >= MESSAGE_WINDOW_MS) {
          windowStart = now;
          count = 0;
        }
        count += 1;
        if (count <= limits.messagesPerMinute) return next();
        logger.warn({ subject: socket.data.principal.subject, max: limits.messagesPerMinute }, "socket disconnected: too many messages");
        socket.disconnect(true);
      });
    }
    void syncRooms(socket).then(() => {
      socket.emit(SESSION, sessionInfo(socket));
      if (!socket.recovered) socket.emit(SNAPSHOT_REQUIRED, { reason: hadSession ? "recovery-failed" : "new-session" });
    });

    socket.on(AUTH_REFRESH, (req, ack) => {
      const reply = (res: AuthRefreshAck) => {
        if (typeof ack === "function") ack(res);
      };
      const token = (req as { token?: unknown } | null | undefined)?.token;
      authenticate(token).then(
        async ({ principal, exp }) => {
          if (principal.subject !== socket.data.principal.subject) {
            return reply({ ok: false, error: { code: "subject_mismatch", message: `token.sub: ${bilingual("thuộc người dùng khác với kết nối này", "belongs to another user than this socket")}` } });
          }
          socket.data.principal = principal;
          socket.data.exp = exp;
          armExpiry(socket);
          await syncRooms(socket);
          reply({ ok: true, expiresAt: exp, orgPaths: principal.orgPaths });
        },
        (err: unknown) => {
          const e = err instanceof ProtocolErrorWithCode ? err : new ProtocolErrorWithCode("invalid_token", bilingual("Chưa xác thực", "Unauthorized"));
          // The current token stays in force until its own expiry.
          reply({ ok: false, error: { code: e.data.code, message: e.message } });
        },
      );
    });

    socket.on(SUBSCRIBE, (req, ack) => {
      const reply = (res: SubscribeAck) => {
        if (typeof ack === "function") ack(res);
      };
      const t = normalizeTopics((req as { topics?: unknown } | null | undefined)?.topics);
      if (!t.ok) return reply({ ok: false, error: { code: "bad_request", message: t.message } });
      socket.data.topics = t.topics;
      void syncRooms(socket).then(() => reply({ ok: true, topics: t.topics }));
    });

    socket.on("disconnect", () => {
      stats.connections -= 1;
      clearTimeout(expiryTimers.get(socket.id));
      expiryTimers.delete(socket.id);
    });
  });

  return {
    io,
    httpServer,
    stats,
    publish(service, event) {
      const live: LiveEvent = {
        service,
        id: event.id,
        key: `${service}:${event.id}`,
        type: event.type,
        orgPath: event.orgPath,
        aggregateId: event.aggregateId,
        occurredAt: event.occurredAt,
        payload: event.payload,
      };
      const access = streams[service];
      if (!access) {
        // Default deny: a service without a stream-read rule reaches no one (config.ts refuses to consume one).
        if (!unknownServices.has(service)) logger.warn({ service }, "no stream-read rule for this service: its events are not delivered");
        unknownServices.add(service);
        return;
      }
      stats.published += 1;
      io.to(eventRooms(service, event)).emit(EVENT, live);
      const notice = access.notice?.derive(event);
      if (access.notice && notice) {
        // Same id and key as the event it stands for: the dashboard's per-service watermark folds it.
        const derived: LiveEvent = { ...live, type: access.notice.type, orgPath: notice.orgPath, aggregateId: notice.orgPath, payload: { orgPath: notice.orgPath } };
        io.to(eventRooms(service, derived, "notice")).emit(EVENT, derived);
      }
      const inherited = access.inherited?.derive(event);
      if (access.inherited && inherited) {
        // To the sockets scoped below the event's organization: its path and what the derive keeps, same id and key.
        const derived: LiveEvent = { ...live, type: access.inherited.type, orgPath: inherited.orgPath, aggregateId: inherited.orgPath, payload: inherited };
        io.to(inheritedRooms(service, derived)).emit(EVENT, derived);
      }
    },
    requireSnapshotLocally(reason) {
      io.local.emit(SNAPSHOT_REQUIRED, { reason });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const a = httpServer.address() as AddressInfo;
          resolve({ url: `http://${host.includes(":") ? `[${host}]` : host}:${a.port}`, port: a.port });
        });
      });
    },
    async close() {
      draining = true;
      for (const t of expiryTimers.values()) clearTimeout(t);
      expiryTimers.clear();
      const closed = new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      // Idle keep-alive HTTP connections (probes) would otherwise hold the server open.
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
