import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { tracked } from "@trpc/server";
import { createTRPCClient, TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import { createTokenVerifier, definePolicy } from "@orgboard/auth";
import { createTestIssuer, BAD_TOKEN_KINDS, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks, orgPathSchema } from "@orgboard/contracts";
import { createService, createTRPC, findUncoveredProcedures, listProcedures, type Service } from "../src/index.js";
import { memoryLogger } from "./helpers.js";

definePolicy({
  "membership.members.read": { roles: ["central_board", "provincial_board", "viewer"], scoped: true },
  "membership.members.create": { roles: ["personnel_officer", "central_board"], scoped: true },
});

const { router, authedProcedure, publicProcedure } = createTRPC();
let releaseSlow: (() => void) | null = null;
const appRouter = router({
  membership: router({
    ping: publicProcedure.query(() => "pong"),
    whoami: authedProcedure("membership.members.read").query(({ ctx }) => ({
      subject: ctx.principal.subject,
      scope: ctx.scope,
      requestId: ctx.requestId,
      clientRequestId: ctx.clientRequestId,
    })),
    members: router({
      create: authedProcedure("membership.members.create", { resource: "orgPath" })
        .input(z.object({ orgPath: orgPathSchema, members: z.array(z.object({ nationalId: z.string().regex(/^\d{12}$/) })).min(1) }))
        .mutation(({ input }) => ({ count: input.members.length })),
      get: authedProcedure("membership.members.read")
        .input(z.object({ orgPath: z.string() }))
        .query(({ ctx, input }) => {
          ctx.assertCan({ orgPath: input.orgPath });
          return { orgPath: input.orgPath };
        }),
    }),
    boom: authedProcedure("membership.members.read").query((): string => {
      throw new Error("secret db detail: password=hunter2");
    }),
    slow: publicProcedure.query(async () => {
      await new Promise<void>((resolve) => (releaseSlow = resolve));
      return "done";
    }),
    ticks: authedProcedure("membership.members.read")
      .input(z.object({ lastEventId: z.string().nullish() }).optional())
      .subscription(async function* ({ input, signal }) {
        let i = input?.lastEventId ? Number(input.lastEventId) : 0;
        while (!signal?.aborted && i < 3) {
          i += 1;
          await Promise.resolve();
          yield tracked(String(i), { n: i });
        }
      }),
    undeclared: authedProcedure("membership.nothing.here").query(() => 1),
  }),
});
export type AppRouter = typeof appRouter;

let idp: TestIssuer;
let service: Service;
let url: string;
let log: ReturnType<typeof memoryLogger>;
let ready = true;
let closed = 0;

beforeAll(async () => {
  idp = await createTestIssuer({ audience: "membership" });
  log = memoryLogger("membership");
  service = createService({
    name: "membership",
    router: appRouter,
    verifier: createTokenVerifier(idp.verifierOptions("membership")),
    readiness: () => (ready ? Promise.resolve() : Promise.reject(new Error("db down"))),
    logger: log.logger,
    corsOrigins: ["http://localhost:5173"],
    bodyLimitBytes: 4096,
    onClose: () => {
      closed += 1;
      return Promise.resolve();
    },
  });
  ({ url } = await service.start({ handleSignals: false }));
});
afterAll(async () => {
  await service.stop();
  await idp.close();
});

const call = (path: string, init: RequestInit & { token?: string; input?: unknown } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.method === "POST") {
    headers.set("content-type", "application/json");
    return fetch(`${url}/trpc/${path}`, { ...init, headers, body: JSON.stringify(init.input) });
  }
  const q = init.input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(init.input))}`;
  return fetch(`${url}/trpc/${path}${q}`, { ...init, headers });
};
type ErrBody = { error: { message: string; data: { code: string; httpStatus: number; requestId?: string; fieldErrors?: { path: string; message: string }[]; stack?: string } } };

describe("health and request ids", () => {
  it("/healthz and /readyz", async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    ready = false;
    const r = await fetch(`${url}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.text()).not.toContain("db down");
    ready = true;
  });
  it("/readyz answers 503 when the check hangs", async () => {
    const svc = createService({
      name: "membership",
      router: appRouter,
      verifier: createTokenVerifier(idp.verifierOptions()),
      readiness: () => new Promise<void>(() => undefined),
      readinessTimeoutMs: 100,
      logger: memoryLogger().logger,
    });
    const { url: u } = await svc.start({ handleSignals: false });
    expect((await fetch(`${u}/readyz`)).status).toBe(503);
    await svc.stop();
  });
  it("the server names every request; a client's x-request-id is never taken as the request id (#9)", async () => {
    const r1 = await fetch(`${url}/healthz`, { headers: { "x-request-id": "abc-123" } });
    expect(r1.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const r2 = await fetch(`${url}/healthz`, { headers: { "x-request-id": "abc-123" } });
    expect(r2.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(r2.headers.get("x-request-id")).not.toBe(r1.headers.get("x-request-id"));
  });
});

describe("authentication", () => {
  it("public procedures need no token", async () => {
    const r = await call("membership.ping");
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ result: { data: "pong" } });
  });
  it("authed procedures without a token → 401", async () => {
    const r = await call("membership.whoami");
    expect(r.status).toBe(401);
    expect(((await r.json()) as ErrBody).error.data.code).toBe("UNAUTHORIZED");
  });
  it("a good token → principal in context; the server's request id and the client's, sanitized, apart", async () => {
    const token = await idp.mint({ sub: "u-7", roles: ["viewer"], orgPaths: ["/01/"] });
    const r = await call("membership.whoami", { token, headers: { "x-request-id": "rid-1 <script>\u00e9" } });
    expect(r.status).toBe(200);
    const requestId = r.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await r.json()).toEqual({ result: { data: { subject: "u-7", scope: ["/01/"], requestId, clientRequestId: "rid-1script" } } });
    const entry = log.entries().find((e) => e.requestId === requestId && e.msg === "request");
    expect(entry?.clientRequestId).toBe("rid-1script");
  });
  it.each(BAD_TOKEN_KINDS.map((k) => [k]))("a %s token → 401, and the token is in neither the answer nor the logs", async (kind) => {
    const token = await idp.mintBad(kind, { roles: ["central_board"] });
    const before = log.lines.length;
    const r = await call("membership.whoami", { token });
    const body = await r.text();
    expect(r.status).toBe(401);
    expect(JSON.parse(body).error.data.code).toBe("UNAUTHORIZED");
    const newLogs = log.lines.slice(before).join("\n");
    expect(newLogs).toContain("access token refused");
    for (const text of [body, log.text()]) {
      expect(text).not.toContain(token);
      for (const part of token.split(".")) if (part.length > 8) expect(text).not.toContain(part);
    }
  });
  it("never logs the Authorization header of good requests either", async () => {
    const token = await idp.mint();
    await call("membership.whoami", { token });
    expect(log.text()).not.toContain(token.split(".")[2]!);
  });
  it("an unreachable identity provider → 503, not 401", async () => {
    const svc = createService({
      name: "membership",
      router: appRouter,
      verifier: createTokenVerifier({ ...idp.verifierOptions(), jwksUrl: "http://127.0.0.1:1/certs" }),
      readiness: () => Promise.resolve(),
      logger: memoryLogger().logger,
    });
    const { url: u } = await svc.start({ handleSignals: false });
    const r = await fetch(`${u}/trpc/membership.whoami`, { headers: { authorization: `Bearer ${await idp.mint()}` } });
    expect(r.status).toBe(503);
    await svc.stop();
  });
});

describe("authorization", () => {
  it("wrong role → 403", async () => {
    const token = await idp.mint({ roles: ["viewer"], orgPaths: ["/01/"] });
    const r = await call("membership.members.create", { method: "POST", token, input: { orgPath: "/01/", members: [{ nationalId: "001234567890" }] } });
    expect(r.status).toBe(403);
  });
  it("resource outside scope → 403; inside → 200", async () => {
    const token = await idp.mint({ roles: ["personnel_officer"], orgPaths: ["/01/"] });
    const out = await call("membership.members.create", { method: "POST", token, input: { orgPath: "/010/", members: [{ nationalId: "001234567890" }] } });
    expect(out.status).toBe(403);
    const ok = await call("membership.members.create", { method: "POST", token, input: { orgPath: "/01/01-007/", members: [{ nationalId: "001234567890" }] } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ result: { data: { count: 1 } } });
  });
  it("assertCan in a handler → 403 outside scope", async () => {
    const token = await idp.mint({ roles: ["viewer"], orgPaths: ["/01/"] });
    expect((await call("membership.members.get", { token, input: { orgPath: "/79/" } })).status).toBe(403);
    expect((await call("membership.members.get", { token, input: { orgPath: "/01/02/" } })).status).toBe(200);
  });
  it("an action missing from the policy is denied (default deny)", async () => {
    const token = await idp.mint({ roles: ["central_board"] });
    expect((await call("membership.undeclared", { token })).status).toBe(403);
  });
  it("a malformed resource path → 400 naming the field, before any handler", async () => {
    const token = await idp.mint({ roles: ["central_board"] });
    const r = await call("membership.members.create", { method: "POST", token, input: { orgPath: "/01/../", members: [] } });
    expect(r.status).toBe(400);
    const body = (await r.json()) as ErrBody;
    expect(body.error.data.fieldErrors?.[0]?.path).toBe("orgPath");
  });
});

describe("errors", () => {
  it("zod issues → 400 naming the fields, with fieldErrors", async () => {
    const token = await idp.mint({ roles: ["personnel_officer"], orgPaths: ["/01/"] });
    const r = await call("membership.members.create", {
      method: "POST",
      token,
      input: { orgPath: "/01/", members: [{ nationalId: "001234567890" }, { nationalId: "12" }] },
    });
    expect(r.status).toBe(400);
    const body = (await r.json()) as ErrBody;
    expect(body.error.message).toContain("members.1.nationalId");
    expect(body.error.data.fieldErrors).toEqual([{ path: "members.1.nationalId", message: expect.any(String) as string }]);
    expect(body.error.data.stack).toBeUndefined();
  });
  it("an unexpected throw → 500 with a generic message and request id, no stack; stack logged", async () => {
    const token = await idp.mint({ roles: ["viewer"], orgPaths: ["/01/"] });
    const r = await call("membership.boom", { token });
    const rid = r.headers.get("x-request-id")!;
    expect(r.status).toBe(500);
    const text = await r.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("secret db detail");
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    const body = JSON.parse(text) as ErrBody;
    expect(body.error.message).toBe(`Internal server error (request id ${rid})`);
    expect(body.error.data).toEqual({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "membership.boom", requestId: rid });
    const entry = log.entries().find((e) => e.requestId === rid && e.msg === "unhandled error in procedure");
    expect((entry?.err as { stack?: string } | undefined)?.stack).toContain("secret db detail");
  });
  it("an oversized body → 413", async () => {
    const token = await idp.mint({ roles: ["personnel_officer"], orgPaths: ["/01/"] });
    const r = await call("membership.members.create", {
      method: "POST",
      token,
      input: { orgPath: "/01/", members: Array.from({ length: 500 }, () => ({ nationalId: "001234567890" })) },
    });
    expect(r.status).toBe(413);
  });
  it("unknown routes → 404 JSON", async () => {
    const r = await fetch(`${url}/nope`);
    expect(r.status).toBe(404);
  });
});

describe("CORS", () => {
  it("allows the dashboard origin only", async () => {
    const pre = await fetch(`${url}/trpc/membership.ping`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
    });
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const evil = await fetch(`${url}/trpc/membership.ping`, { headers: { origin: "http://evil.example" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("procedure listing", () => {
  it("lists every procedure with its action", () => {
    const list = listProcedures(appRouter);
    expect(list).toContainEqual({ path: "membership.ping", type: "query", action: null });
    expect(list).toContainEqual({ path: "membership.members.create", type: "mutation", action: "membership.members.create" });
    expect(list).toContainEqual({ path: "membership.ticks", type: "subscription", action: "membership.members.read" });
  });
  it("finds procedures that are neither public-listed nor known to the policy", () => {
    expect(findUncoveredProcedures(appRouter, ["membership.ping", "membership.slow"]).map((p) => p.path)).toEqual([
      "membership.undeclared",
    ]);
  });
  it("refuses a root router whose key is not the service name", () => {
    expect(() =>
      createService({ name: "conference", router: appRouter, verifier: createTokenVerifier(idp.verifierOptions()), readiness: () => Promise.resolve() }),
    ).toThrow(/exactly one key, "conference"/);
  });
});

describe("client link", () => {
  it("routes by the first path segment, sends the token, streams subscriptions over SSE", async () => {
    const token = await idp.mint({ sub: "u-link", roles: ["viewer"], orgPaths: ["/01/"] });
    const client = createTRPCClient<AppRouter>({
      links: [createServiceLinks({ membership: `${url}/trpc`, conference: "http://127.0.0.1:1/trpc" }, () => token, { EventSource })],
    });
    expect(await client.membership.ping.query()).toBe("pong");
    expect((await client.membership.whoami.query()).subject).toBe("u-link");
    const got: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const sub = client.membership.ticks.subscribe(undefined, {
        onData: (d) => {
          got.push(d);
          if (got.length === 3) {
            sub.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      });
    });
    expect(got).toEqual([
      { id: "1", data: { n: 1 } },
      { id: "2", data: { n: 2 } },
      { id: "3", data: { n: 3 } },
    ]);
  });
  it("tells SSE clients how soon to reconnect", async () => {
    const token = await idp.mint({ roles: ["viewer"], orgPaths: ["/01/"] });
    const r = await call("membership.ticks", { token });
    expect(r.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await r.text();
    expect(text.startsWith("retry: 500\n\n")).toBe(true);
    expect(text).toContain('"n":3');
  });
  it("surfaces the error shape to the client", async () => {
    const client = createTRPCClient<AppRouter>({ links: [createServiceLinks({ membership: `${url}/trpc` }, () => null)] });
    const err = await client.membership.whoami.query().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
  });
  it("fails clearly for a service without a URL", async () => {
    const client = createTRPCClient<AppRouter>({ links: [createServiceLinks({ conference: "http://127.0.0.1:1/trpc" }, () => null)] });
    await expect(client.membership.ping.query()).rejects.toThrow(/No URL configured for service "membership"/);
  });
});

describe("graceful shutdown", () => {
  it("finishes in-flight requests, then refuses new ones and calls onClose", async () => {
    const svc = createService({
      name: "membership",
      router: appRouter,
      verifier: createTokenVerifier(idp.verifierOptions()),
      readiness: () => Promise.resolve(),
      logger: memoryLogger().logger,
      onClose: () => {
        closed += 1;
        return Promise.resolve();
      },
    });
    const { url: u } = await svc.start({ handleSignals: false });
    const pending = fetch(`${u}/trpc/membership.slow`);
    await new Promise((r) => setTimeout(r, 100));
    const stopped = svc.stop();
    await new Promise((r) => setTimeout(r, 50));
    const before = closed;
    releaseSlow?.();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: "done" } });
    await stopped;
    expect(closed).toBe(before + 1);
    await expect(fetch(`${u}/healthz`)).rejects.toThrow();
  });
});

describe("input every procedure refuses (issue #9)", () => {
  it("a NUL or another control character in any string → 400 naming the field, before the procedure runs", async () => {
    const token = await idp.mint({ roles: ["central_board"], orgPaths: ["/"] });
    for (const [input, field] of [
      [{ orgPath: "/01/\u0000" }, "orgPath"],
      [{ orgPath: "/01/", note: { lines: ["ok", "bad\u001b[31m"] } }, "note.lines.1"],
      [{ orgPath: "/01/", ["k\u0007"]: 1 }, ""],
    ] as const) {
      const r = await call("membership.members.get", { token, input });
      expect(r.status).toBe(400);
      const body = (await r.json()) as ErrBody;
      expect(body.error.data.fieldErrors?.[0]).toEqual({ path: field, message: expect.stringMatching(/^chứa ký tự điều khiển .* \/ contains a control character/) });
    }
    // Tab, line feed and carriage return are text, not control: allowed.
    expect((await call("membership.members.get", { token, input: { orgPath: "/01/", note: "a\tb\r\nc" } })).status).toBe(200);
  });
  it("an anonymous caller with a NUL still gets 401 (authorization first)", async () => {
    expect((await call("membership.whoami", { input: { x: "\u0000" } })).status).toBe(401);
  });
  it("a batch of more than 50 calls → 400; 50 are served", async () => {
    const token = await idp.mint({ roles: ["viewer"], orgPaths: ["/01/"] });
    const batch = (n: number) =>
      fetch(`${url}/trpc/${Array.from({ length: n }, () => "membership.whoami").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await batch(50)).status).toBe(200);
    const over = await batch(51);
    expect(over.status).toBe(400);
  });
});
