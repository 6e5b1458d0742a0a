// Request rate limits of every service (docs/security.md, "Limits"): per principal once its token is
// verified, per client address for requests without a valid token. hono-rate-limiter counts (fixed
// windows, in memory per instance); this file only chooses the keys and the answer.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { MemoryStore, rateLimiter } from "hono-rate-limiter";
import { bilingual } from "./bilingual.js";


export interface RateLimitOptions {
  /** Length of one counting window, ms. */
  windowMs: number;
  /** Requests one principal (token subject) may make per window; 0 = no limit. */
  perPrincipal: number;
  /** Requests without a valid token one client address may make per window; 0 = no limit. */
  perAddress: number;
  /**
   * Reverse proxies in front of the service that append to X-Forwarded-For (0: the socket's address is
   * the client's). With n, the client is the n-th address from the right: what the outermost trusted
   * proxy saw; anything further left is the client's own claim and ignored.
   */
  proxyHops: number;
}

export const RATE_LIMIT_MESSAGE = bilingual(
  "Quá nhiều yêu cầu, vui lòng thử lại sau",
  "Too many requests, try again later",
);

/**
 * The address a proxy chain vouches for: with `proxyHops` n > 0, the n-th entry from the right of
 * `X-Forwarded-For` (what the outermost trusted proxy saw); else, or when the header is shorter, the
 * connection's own address. Shared by the services' HTTP limits and realtime's socket limits.
 */
export function forwardedClientAddress(forwardedFor: string | string[] | undefined, remoteAddress: () => string | undefined, proxyHops: number): string {
  if (proxyHops > 0) {
    const forwarded = [forwardedFor ?? ""].flat().join(",").split(",").map((s) => s.trim()).filter(Boolean);
    const seen = forwarded[forwarded.length - proxyHops];
    if (seen) return seen;
  }
  return remoteAddress() ?? "unknown";
}

/** The client's address as this service may believe it (see `proxyHops`). */
export function clientAddress(c: Context, proxyHops: number): string {
  return forwardedClientAddress(
    c.req.header("x-forwarded-for"),
    () => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        // Not served by @hono/node-server (app.request in a test): one shared bucket.
        return undefined;
      }
    },
    proxyHops,
  );
}

interface Limited {
  Variables: { requestId: string; principal: { subject: string; clientId?: string } | null };
}

function tooMany(kind: "principal" | "address", onLimited: (kind: "principal" | "address", c: Context) => void) {
  return (c: Context) => {
    onLimited(kind, c);
    const requestId = (c as Context<Limited>).get("requestId");
    return c.json({ error: { message: RATE_LIMIT_MESSAGE, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, requestId } } }, 429);
  };
}

/**
 * How many procedure calls a request carries: a tRPC HTTP batch (`?batch=1`, paths joined by commas)
 * counts each of its calls (at most MAX_BATCH_SIZE), so batching does not multiply the limit.
 */
export function callsIn(c: Context): number {
  const url = new URL(c.req.url);
  if (url.searchParams.get("batch") !== "1") return 1;
  return Math.max(1, url.pathname.replace(/^\/trpc\//, "").split(",").length);
}

/**
 * The two limiters, to run after the token was verified (`c.get("principal")` set, null when absent or
 * refused). Over the limit: 429, a bilingual message and Retry-After (seconds to the window's end).
 */
export function rateLimitMiddlewares(opts: RateLimitOptions, onLimited: (kind: "principal" | "address", c: Context) => void): MiddlewareHandler[] {
  const out: MiddlewareHandler[] = [];
  const principalOf = (c: Context) => (c as Context<Limited>).get("principal");
  const limiter = (kind: "principal" | "address", limit: number, counts: (c: Context) => boolean, key: (c: Context) => string) => {
    const store = new MemoryStore<Limited>();
    // The limiter counts one per request; a batch's other calls are counted here first, on the same store.
    out.push(async (c, next) => {
      if (counts(c)) for (let extra = callsIn(c) - 1; extra > 0; extra--) store.increment(key(c));
      await next();
    });
    out.push(
      rateLimiter<Limited>({
        windowMs: opts.windowMs,
        limit,
        standardHeaders: "draft-6",
        store,
        skip: (c) => !counts(c),
        keyGenerator: (c) => key(c),
        handler: tooMany(kind, onLimited),
      }),
    );
  };
  if (opts.perPrincipal > 0) limiter("principal", opts.perPrincipal, (c) => principalOf(c) !== null, (c) => `p:${principalOf(c)!.subject}`);
  if (opts.perAddress > 0) limiter("address", opts.perAddress, (c) => principalOf(c) === null, (c) => `a:${clientAddress(c, opts.proxyHops)}`);
  return out;
}
