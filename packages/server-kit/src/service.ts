import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { TokenError, type Principal, type TokenVerifier } from "@orgboard/auth";
import { MAX_BATCH_SIZE } from "@orgboard/contracts";
import type { AnyRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { createLogger, type Logger } from "./logger.js";
import { DEFAULT_RATE_LIMITS } from "./config.js";
import { rateLimitMiddlewares, type RateLimitOptions } from "./rate-limit.js";
import type { BaseContext } from "./trpc.js";

export const REQUEST_ID_HEADER = "x-request-id";

/**
 * A client's own request id (`x-request-id` it sent), kept beside the server's for correlation only:
 * characters outside [A-Za-z0-9._:-] dropped, at most 128 kept; null when nothing is left. The server's
 * id (a UUID it generates) is the one in the audit trail and the response header.
 */
export function sanitizeClientRequestId(value: string | undefined): string | null {
  if (value === undefined) return null;
  const kept = value.replace(/[^A-Za-z0-9._:-]/g, "").slice(0, 128);
  return kept === "" ? null : kept;
}

export interface ServiceOptions<TRouter extends AnyRouter, TContext extends BaseContext> {
  /** The service name; also the one key of the root router (ADR 0001). */
  name: string;
  router: TRouter;
  /** Adds service-specific fields (db, clock, ...) to the base context. */
  createContext?: (base: BaseContext, c: Context) => TContext | Promise<TContext>;
  /** Resolves when the service can serve (e.g. `SELECT 1`); rejects otherwise. Drives /readyz. */
  readiness: () => Promise<void>;
  verifier: TokenVerifier;
  port?: number;
  host?: string;
  logger?: Logger;
  /** Origins allowed by CORS (the dashboard's). Empty ⇒ no CORS headers. */
  corsOrigins?: string[];
  /** Largest request body accepted, bytes (413 beyond). Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Called last on shutdown, after in-flight requests finished: close the database here. */
  onClose?: () => Promise<void>;
  /** How long shutdown waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
  /** Most calls in one HTTP batch (400 beyond). Default MAX_BATCH_SIZE (50). */
  maxBatchSize?: number;
  /** Request rate limits (429 beyond); default DEFAULT_RATE_LIMITS; `false` turns them off. */
  rateLimits?: RateLimitOptions | false;
  /** Reconnection delay SSE clients are told to use (the `retry:` field). Default 500 ms. */
  sseRetryMs?: number;
  /** A readiness check slower than this counts as not ready. Default 3 s. */
  readinessTimeoutMs?: number;
}

export interface Service {
  app: Hono;
  logger: Logger;
  /** Listens; resolves with the bound address. `handleSignals` (default true) wires SIGTERM/SIGINT. */
  start(opts?: { handleSignals?: boolean }): Promise<{ url: string; port: number; host: string }>;
  /** Graceful stop: readiness fails, no new connections, in-flight finish, streams cut, onClose. */
  stop(): Promise<void>;
}

/**
 * Prefixes an SSE response with a `retry:` field: EventSource clients otherwise wait their default
 * (3 s) before reconnecting after a stream is cut (max duration, deploys, restarts).
 */
function withSseRetry(res: Response, retryMs: number): Response {
  const prefix = new TextEncoder().encode(`retry: ${Math.max(0, Math.round(retryMs))}\n\n`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let sentPrefix = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentPrefix) {
        sentPrefix = true;
        controller.enqueue(prefix);
        return;
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(stream, { status: res.status, statusText: res.statusText, headers: res.headers });
}

function assertRootRouter(name: string, router: AnyRouter): void {
  const keys = Object.keys(router._def.record as object);
  if (keys.length !== 1 || keys[0] !== name) {
    throw new Error(`createService(${name}): the root router must have exactly one key, "${name}" (has: ${keys.join(", ") || "none"})`);
  }
}

export function createService<TRouter extends AnyRouter, TContext extends BaseContext = BaseContext>(
  opts: ServiceOptions<TRouter, TContext>,
): Service {
  assertRootRouter(opts.name, opts.router);
  const logger = opts.logger ?? createLogger({ name: opts.name });
  const app = new Hono<{
    Variables: { requestId: string; clientRequestId: string | null; logger: Logger; principal: Principal | null; authError: TokenError | null };
  }>();
  let draining = false;
  // Responses not yet fully written, and which of them are long-lived streams (SSE). Tracked on the
  // Node response, because a handler returning is not the same as its answer being flushed.
  const open = new Set<ServerResponse>();
  const streams = new WeakSet<ServerResponse>();
  let drained: (() => void) | null = null;
  const busy = () => [...open].some((r) => !streams.has(r));

  app.use("*", async (c, next) => {
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    // The server names every request itself: a client-chosen id could collide with another request's
    // or forge one in the audit trail. The client's own id is kept apart, sanitized.
    const requestId = randomUUID();
    const clientRequestId = sanitizeClientRequestId(c.req.header(REQUEST_ID_HEADER));
    const reqLogger = logger.child(clientRequestId ? { requestId, clientRequestId } : { requestId });
    c.set("requestId", requestId);
    c.set("clientRequestId", clientRequestId);
    c.set("logger", reqLogger);
    c.header(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    try {
      await next();
      // A handler that returns its own Response (the tRPC adapter) drops headers set before it ran.
      c.header(REQUEST_ID_HEADER, requestId);
    } finally {
      if (outgoing && c.res.headers.get("content-type")?.startsWith("text/event-stream")) {
        streams.add(outgoing);
        if (!busy()) drained?.();
      }
      // The path only: query strings can carry input, and headers are never logged (Authorization).
      const path = new URL(c.req.url).pathname;
      if (path !== "/healthz" && path !== "/readyz") {
        reqLogger.info(
          { method: c.req.method, path, status: c.res.status, durationMs: Math.round(performance.now() - started) },
          "request",
        );
      }
    }
  });
  app.use("*", secureHeaders());
  if (opts.corsOrigins && opts.corsOrigins.length > 0) {
    app.use(
      "*",
      cors({
        origin: opts.corsOrigins,
        allowHeaders: ["authorization", "content-type", REQUEST_ID_HEADER, "trpc-accept", "x-trpc-source"],
        allowMethods: ["GET", "POST", "OPTIONS"],
        // Retry-After: a browser told 429 can wait as long as the service asks.
        exposeHeaders: [REQUEST_ID_HEADER, "retry-after"],
        maxAge: 600,
      }),
    );
  }
  app.use(
    "/trpc/*",
    bodyLimit({
      maxSize: opts.bodyLimitBytes ?? 1024 * 1024,
      onError: (c) =>
        c.json(
          { error: { message: "Request body too large", data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, requestId: c.res.headers.get(REQUEST_ID_HEADER) } } },
          413,
        ),
    }),
  );

  // The token is verified before the procedures run, so that the rate limits can count per principal.
  app.use("/trpc/*", async (c, next) => {
    let principal: Principal | null = null;
    let authError: TokenError | null = null;
    const header = c.req.header("authorization");
    if (header !== undefined) {
      try {
        principal = await opts.verifier.verifyAuthorizationHeader(header);
      } catch (err) {
        authError = err instanceof TokenError ? err : new TokenError("malformed");
        c.get("logger").warn({ reason: authError.reason }, "access token refused");
      }
    }
    c.set("principal", principal);
    c.set("authError", authError);
    await next();
  });
  if (opts.rateLimits !== false) {
    const limits = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
    for (const mw of rateLimitMiddlewares(limits, (kind, c) => {
      const principal = (c.get("principal") as Principal | null) ?? null;
      (c.get("logger") as Logger).warn({ limit: kind, subject: principal?.subject }, "rate limit reached");
    })) {
      app.use("/trpc/*", mw);
    }
  }

  app.get("/healthz", (c) => c.json({ status: "ok", service: opts.name }));
  app.get("/readyz", async (c) => {
    if (draining) return c.json({ status: "draining" }, 503);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        opts.readiness(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("readiness check timed out")), opts.readinessTimeoutMs ?? 3000);
        }),
      ]);
      return c.json({ status: "ready" });
    } catch (err) {
      c.get("logger").warn({ err }, "readiness check failed");
      return c.json({ status: "not ready" }, 503);
    } finally {
      clearTimeout(timer);
    }
  });

  app.all("/trpc/*", async (c) => {
    const requestId = c.get("requestId");
    const reqLogger = c.get("logger");
    const base: BaseContext = {
      requestId,
      clientRequestId: c.get("clientRequestId"),
      logger: reqLogger,
      principal: c.get("principal"),
      authError: c.get("authError"),
    };
    const res = await fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: opts.router,
      maxBatchSize: opts.maxBatchSize ?? MAX_BATCH_SIZE,
      createContext: async () => (opts.createContext ? await opts.createContext(base, c) : base) as never,
      onError: ({ error, path, type }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          // The stack goes to the log only; the client gets a generic message with the request id.
          reqLogger.error({ err: error.cause ?? error, path, type }, "unhandled error in procedure");
        } else {
          reqLogger.debug({ code: error.code, path, type }, "procedure error");
        }
      },
    });
    return res.body && res.headers.get("content-type")?.startsWith("text/event-stream")
      ? withSseRetry(res, opts.sseRetryMs ?? 500)
      : res;
  });

  app.notFound((c) => c.json({ error: { message: "Not found", data: { code: "NOT_FOUND", httpStatus: 404, requestId: c.get("requestId") } } }, 404));
  app.onError((err, c) => {
    const requestId = c.get("requestId");
    (c.get("logger") ?? logger).error({ err }, "unhandled error");
    return c.json({ error: { message: `Internal server error (request id ${requestId})`, data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, requestId } } }, 500);
  });

  let server: Server | null = null;
  let stopping: Promise<void> | null = null;
  const signalHandlers: [NodeJS.Signals, () => void][] = [];

  async function doStop(): Promise<void> {
    draining = true;
    for (const [sig, fn] of signalHandlers) process.off(sig, fn);
    const srv = server;
    if (srv) {
      const closed = new Promise<void>((resolve) => srv.close(() => resolve()));
      srv.closeIdleConnections();
      if (busy()) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, opts.shutdownTimeoutMs ?? 10_000).unref()),
        ]);
      }
      // What is left are long-lived streams (SSE) and keep-alive sockets: cut them; stream clients
      // reconnect elsewhere and resume from their last event id.
      srv.closeAllConnections();
      await closed;
    }
    await opts.onClose?.();
    logger.info("stopped");
  }

  function stop(): Promise<void> {
    stopping ??= doStop();
    return stopping;
  }

  return {
    app: app as unknown as Hono,
    logger,
    async start({ handleSignals = true } = {}) {
      if (server) throw new Error("already started");
      const host = opts.host ?? "127.0.0.1";
      const info = await new Promise<AddressInfo>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, resolve) as Server;
        s.once("error", reject);
        s.on("request", (_req: IncomingMessage, res: ServerResponse) => {
          open.add(res);
          res.once("close", () => {
            open.delete(res);
            if (!busy()) drained?.();
          });
        });
        server = s;
      });
      if (handleSignals) {
        for (const sig of ["SIGTERM", "SIGINT"] as const) {
          const fn = () => {
            logger.info({ signal: sig }, "shutting down");
            stop().then(
              () => process.exit(0),
              (err: unknown) => {
                logger.error({ err }, "shutdown failed");
                process.exit(1);
              },
            );
          };
          process.once(sig, fn);
          signalHandlers.push([sig, fn]);
        }
      }
      const url = `http://${host.includes(":") ? `[${host}]` : host}:${info.port}`;
      logger.info({ url }, "listening");
      return { url, port: info.port, host };
    },
    stop,
  };
}
