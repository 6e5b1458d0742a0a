import {
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
  type TRPCLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { AnyRouter } from "@trpc/server";

export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

/** Minimal shape of an EventSource class (the `eventsource` package in Node, the global one in browsers). */
export type EventSourceClass = abstract new (url: string, init?: never) => EventTarget;

export interface ServiceLinksOptions {
  /**
   * EventSource implementation for subscriptions. In Node pass `EventSource` from the `eventsource`
   * package: it accepts a `fetch` option, through which the Authorization header is sent. A browser's
   * native EventSource cannot send headers, so browser dashboards use socket.io (realtime) instead.
   */
  EventSource?: EventSourceClass;
  /** Extra headers on every query/mutation batch (e.g. `x-request-id`). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Custom fetch (tests, instrumentation). */
  fetch?: typeof fetch;
}

/** The service a procedure belongs to: the first segment of its path (`membership.members.list` → `membership`). */
export function serviceOfPath(path: string): string {
  const dot = path.indexOf(".");
  return dot === -1 ? path : path.slice(0, dot);
}

async function authHeaders(getToken: TokenGetter): Promise<Record<string, string>> {
  const token = await getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * EventSource init for the `eventsource` package: its `fetch` option adds the Authorization header,
 * asking getToken on every (re)connect so a refreshed token is used after a reconnect.
 */
export function authorizedEventSourceInit(getToken: TokenGetter, fetchImpl: typeof fetch = globalThis.fetch) {
  return {
    fetch: async (input: string | URL | Request, init?: RequestInit) =>
      fetchImpl(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(await authHeaders(getToken)) } }),
  };
}

/**
 * Most calls in one HTTP batch: services refuse larger batches with a 400 (server-kit), and these links
 * split a longer run of calls into several batches, so a client never meets the limit.
 */
export const MAX_BATCH_SIZE = 50;

function oneServiceLink<TRouter extends AnyRouter>(
  url: string,
  getToken: TokenGetter,
  opts: ServiceLinksOptions,
): TRPCLink<TRouter> {
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const subscription = httpSubscriptionLink<TRouter, never>({
    url,
    // EventSource classes differ per runtime; tRPC only needs the constructor.
    EventSource: opts.EventSource as never,
    eventSourceOptions: () => authorizedEventSourceInit(getToken, fetchImpl) as never,
  } as never);
  const batch = httpBatchLink<TRouter>({
    url,
    maxURLLength: 4000,
    maxItems: MAX_BATCH_SIZE,
    fetch: fetchImpl,
    headers: async () => ({ ...(await opts.headers?.()), ...(await authHeaders(getToken)) }),
  } as never);
  return splitLink<TRouter>({ condition: (op) => op.type === "subscription", true: subscription, false: batch });
}

function unknownServiceLink<TRouter extends AnyRouter>(known: string[]): TRPCLink<TRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        observer.error(
          TRPCClientError.from(
            new Error(
              `No URL configured for service "${serviceOfPath(op.path)}" (procedure ${op.path}); known: ${known.join(", ") || "none"}`,
            ),
          ),
        );
      });
}

/**
 * One tRPC link for a client of several services: each call goes to the service named by the first
 * segment of its path (ADR 0001: a service's root router has one key, its name). Queries and mutations
 * are batched over HTTP; subscriptions use SSE. `urls` values are the services' tRPC endpoints,
 * e.g. `{ membership: "http://127.0.0.1:4001/trpc" }`.
 */
export function createServiceLinks<TRouter extends AnyRouter = AnyRouter>(
  urls: Record<string, string>,
  getToken: TokenGetter,
  opts: ServiceLinksOptions = {},
): TRPCLink<TRouter> {
  const names = Object.keys(urls);
  let link = unknownServiceLink<TRouter>(names);
  for (const name of [...names].reverse()) {
    const url = urls[name];
    if (!url) continue;
    link = splitLink<TRouter>({
      condition: (op) => serviceOfPath(op.path) === name,
      true: oneServiceLink<TRouter>(url, getToken, opts),
      false: link,
    });
  }
  return link;
}
