import { sleep, until } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { createTokenVerifier, definePolicy } from "@orgboard/auth";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { createService, createTRPC, createLogger, type Service } from "@orgboard/server-kit";
import type { EventEnvelope } from "@orgboard/contracts";
import {
  consumeEventStream,
  createEventStreamProcedure,
  createLocalNotifier,
  recordChange,
  streamEvents,
  type LocalNotifier,
} from "../src/index.js";
import type { TransactionalClient } from "../src/testing.js";
import { openOutboxDb } from "./helpers.js";

definePolicy({ "membership.events.read": { roles: ["service", "central_board", "provincial_board"], scoped: true } });

let pg: PGlite;
let db: TransactionalClient;
let idp: TestIssuer;
let notifier: LocalNotifier;

function buildRouter(pollIntervalMs: number, sseMaxDurationMs?: number) {
  const { router, authedProcedure } = createTRPC(sseMaxDurationMs ? { sseMaxDurationMs } : {});
  return router({
    membership: router({
      events: router({
        stream: createEventStreamProcedure(authedProcedure("membership.events.read"), { db, notifier, pollIntervalMs }),
      }),
    }),
  });
}

function startService(port = 0, pollIntervalMs = 60_000, sseMaxDurationMs?: number): Promise<{ service: Service; url: string; port: number }> {
  const service = createService({
    name: "membership",
    router: buildRouter(pollIntervalMs, sseMaxDurationMs),
    verifier: createTokenVerifier(idp.verifierOptions("membership")),
    readiness: () => Promise.resolve(),
    logger: createLogger({ name: "membership", level: "silent" }),
    port,
    shutdownTimeoutMs: 1000,
    sseRetryMs: 100,
  });
  return service.start({ handleSignals: false }).then(({ url, port: p }) => ({ service, url: `${url}/trpc`, port: p }));
}

let seq = 0;
async function write(orgPath: string, n = 1): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    seq += 1;
    const { eventId } = await db.$transaction((tx) =>
      recordChange(
        tx,
        { actor: "u", action: "membership.members.create", entity: "Member", entityId: `m-${seq}`, orgPath, after: { seq } },
        { type: "membership.member.admitted", payload: { seq } },
      ),
    );
    ids.push(eventId!);
  }
  notifier.notify(); // after commit, as a service would
  return ids;
}

beforeAll(async () => {
  ({ pg, db } = await openOutboxDb());
  idp = await createTestIssuer({ audience: "membership" });
  notifier = createLocalNotifier();
});
afterAll(async () => {
  await idp?.close();
  await pg?.close();
});

describe("event stream over HTTP (SSE)", () => {
  it("streams in id order, resumes after lastEventId, and is scoped by principal", async () => {
    const { service, url } = await startService();
    try {
      const written = [...(await write("/01/", 3)), ...(await write("/79/", 2)), ...(await write("/01/01-007/", 2))];
      const token = await idp.mint({ roles: ["provincial_board"], orgPaths: ["/01/"] });
      const got: EventEnvelope[] = [];
      const consumer = consumeEventStream({ url, path: "membership.events.stream", getToken: () => token, onEvent: (e) => void got.push(e) });
      const visible = written.filter((_, i) => i < 3 || i >= 5);
      await until(() => got.length >= visible.length, 10_000, "first events");
      expect(got.map((e) => e.id)).toEqual(visible);
      expect(got.every((e) => e.orgPath.startsWith("/01/"))).toBe(true);
      await consumer.stop();

      // Resume after the 4th visible event: exactly the rest, no gap, no duplicate.
      const resumed: string[] = [];
      const c2 = consumeEventStream({
        url,
        path: "membership.events.stream",
        getToken: () => token,
        fromId: visible[3]!,
        onEvent: (e) => void resumed.push(e.id),
      });
      const more = await write("/01/", 2);
      await until(() => resumed.length >= visible.length - 4 + more.length, 10_000, "resumed events");
      await sleep(200);
      expect(resumed).toEqual([...visible.slice(4), ...more]);
      await c2.stop();
    } finally {
      await service.stop();
    }
  });

  it("is woken by the notifier, not only by polling", async () => {
    const { service, url } = await startService(0, 60_000);
    try {
      const token = await idp.mintService("realtime");
      const got: string[] = [];
      const start = (await write("/01/"))[0]!;
      const consumer = consumeEventStream({ url, path: "membership.events.stream", getToken: () => token, fromId: start, onEvent: (e) => void got.push(e.id) });
      await sleep(300);
      const t0 = Date.now();
      const [id] = await write("/02/");
      await until(() => got.includes(id!), 20_000, "notified event");
      // Polling alone would take 60 s; the bound leaves room for a loaded CI machine.
      expect(Date.now() - t0).toBeLessThan(10_000);
      await consumer.stop();
    } finally {
      await service.stop();
    }
  });

  it("re-verifies the token when a stream reaches its maximum duration, without losing or repeating events", async () => {
    const { service, url } = await startService(0, 50, 300);
    try {
      let tokenCalls = 0;
      let revoked = false;
      const errors: unknown[] = [];
      const got: string[] = [];
      const start = (await write("/01/"))[0]!;
      const consumer = consumeEventStream({
        url,
        path: "membership.events.stream",
        getToken: () => {
          tokenCalls += 1;
          return revoked ? idp.mintBad("expired") : idp.mintService("realtime");
        },
        fromId: start,
        retryDelayMs: 50,
        onEvent: (e) => void got.push(e.id),
        onError: (e) => errors.push(e),
      });
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        ids.push(...(await write("/01/")));
        await sleep(200);
      }
      await until(() => got.length >= ids.length, 10_000, "all events");
      expect(got).toEqual(ids);
      // 1.2 s of writes, streams cut every 300 ms and resumed 100 ms later: at least 3 connections.
      expect(tokenCalls).toBeGreaterThanOrEqual(3);
      // Once the token is no longer good, the next reconnect is refused.
      revoked = true;
      await until(() => errors.length > 0, 10_000, "refusal after revocation");
      expect(String(errors[0])).toMatch(/expired/);
      await consumer.stop();
    } finally {
      await service.stop();
    }
  });

  it("refuses a subscription without a valid token", async () => {
    const { service, url } = await startService();
    try {
      const errors: unknown[] = [];
      const consumer = consumeEventStream({
        url,
        path: "membership.events.stream",
        getToken: () => idp.mintBad("expired"),
        onEvent: () => {
          throw new Error("must not receive events");
        },
        onError: (e) => errors.push(e),
        retryDelayMs: 50,
      });
      await until(() => errors.length > 0, 20_000, "an error");
      expect(String(errors[0])).toMatch(/expired/);
      await consumer.stop();
    } finally {
      await service.stop();
    }
  });

  it("the consumer survives a server restart and a failing handler, without gaps or duplicates", async () => {
    const first0 = await startService(0, 100);
    let { service, url } = first0;
    const { port } = first0;
    const token = await idp.mintService("realtime");
    const start = (await write("/01/"))[0]!;
    const got: string[] = [];
    let failOnce = true;
    const errors: unknown[] = [];
    const consumer = consumeEventStream({
      url,
      path: "membership.events.stream",
      getToken: () => token,
      fromId: start,
      retryDelayMs: 100,
      maxRetryDelayMs: 500,
      onError: (e) => errors.push(e),
      onEvent: async (e) => {
        await sleep(5);
        if (failOnce && got.length === 2) {
          failOnce = false;
          throw new Error("projection write failed");
        }
        got.push(e.id);
      },
    });
    try {
      const first = await write("/01/", 4);
      await until(() => got.length >= 4, 10_000, "events before restart");
      expect(errors.map(String)).toEqual(["Error: projection write failed"]);

      await service.stop();
      const whileDown = await write("/79/", 3);
      ({ service, url } = await startService(port, 100));
      const after = await write("/01/", 2);
      const expected = [...first, ...whileDown, ...after];
      await until(() => got.length >= expected.length, 20_000, "events after restart");
      await sleep(300);
      expect(got).toEqual(expected);
      expect(consumer.lastId()).toBe(expected.at(-1));
    } finally {
      await consumer.stop();
      await service.stop();
    }
  });
});

async function untilRows(read: () => Promise<string[]>, n: number, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await read()).length < n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe("stream wake-ups", () => {
  it("a commit notified while the stream was reading (after its snapshot) is streamed at once, not at the next poll", async () => {
    const ac = new AbortController();
    const start = (await write("/01/"))[0]!;
    let late: string | null = null;
    // The database as the stream sees it: the first read returns what it saw, and a commit (and its
    // notify) lands just after that read's snapshot, before the stream starts waiting.
    const racingDb = {
      $executeRawUnsafe: (q: string, ...v: unknown[]) => db.$executeRawUnsafe(q, ...v),
      $queryRawUnsafe: async <T,>(q: string, ...v: unknown[]): Promise<T> => {
        const rows = await db.$queryRawUnsafe<T>(q, ...v);
        if (late === null) late = (await write("/01/"))[0]!; // write() notifies after its commit
        return rows;
      },
    };
    const t0 = Date.now();
    const stream = streamEvents({
      db: racingDb,
      notifier,
      pollIntervalMs: 60_000,
      principal: { subject: "s", kind: "service", roles: ["service"], orgPaths: ["/"] },
      lastEventId: start,
      signal: ac.signal,
    });
    const first = await stream.next();
    ac.abort();
    await stream.return(undefined);
    expect(first.done).toBe(false);
    expect((first.value as unknown as [string])[0]).toBe(late); // tracked(id, event)
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe("batched consumer (onBatch)", () => {
  it("hands the events already waiting as batches, in id order, one batch at a time, and resumes after the last", async () => {
    const { service, url } = await startService(0, 100);
    const token = await idp.mintService("realtime");
    try {
      const start = (await write("/01/"))[0]!;
      const ids = await write("/01/", 50);
      const batches: string[][] = [];
      let running = 0;
      let overlapped = false;
      const consumer = consumeEventStream({
        url,
        path: "membership.events.stream",
        getToken: () => token,
        fromId: start,
        maxBatchSize: 20,
        onBatch: async (events) => {
          if (running++ > 0) overlapped = true;
          await sleep(20);
          batches.push(events.map((e) => e.id));
          running -= 1;
        },
      });
      await until(() => batches.flat().length >= ids.length, 10_000, "all waiting events");
      await consumer.stop();
      expect(batches.flat()).toEqual(ids);
      expect(overlapped).toBe(false);
      expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(20);
      // 50 events waiting: a few batches, not 50 calls.
      expect(batches.length).toBeLessThan(10);
      expect(consumer.lastId()).toBe(ids.at(-1));

      const more = await write("/01/", 5);
      const got: string[] = [];
      const next = consumeEventStream({ url, path: "membership.events.stream", getToken: () => token, fromId: consumer.lastId(), onBatch: (events) => void got.push(...events.map((e) => e.id)) });
      await until(() => got.length >= more.length, 10_000, "events after the resume point");
      await sleep(200);
      await next.stop();
      expect(got).toEqual(more);
    } finally {
      await service.stop();
    }
  });

  it("a failing batch rolls back whole, its events are applied one at a time: none lost or doubled, and a poison event holds back only itself", async () => {
    const { service, url } = await startService(0, 100);
    const token = await idp.mintService("realtime");
    await pg.exec(`CREATE TABLE applied_event (event_id bigint NOT NULL, seq serial PRIMARY KEY)`);
    try {
      const start = (await write("/01/"))[0]!;
      const ids = await write("/01/", 30);
      const poison = ids[12]!;
      let poisonHeals = false;
      const errors: unknown[] = [];
      const sizes: number[] = [];
      const consumer = consumeEventStream({
        url,
        path: "membership.events.stream",
        getToken: () => token,
        fromId: start,
        retryDelayMs: 50,
        maxRetryDelayMs: 200,
        onError: (e) => errors.push(e),
        // A real transaction per batch: the rows of a failing batch are rolled back with it.
        onBatch: (events) =>
          pg.transaction(async (tx) => {
            sizes.push(events.length);
            for (const e of events) {
              await tx.query(`INSERT INTO applied_event (event_id) VALUES ($1)`, [e.id]);
              if (e.id === poison && !poisonHeals) throw new Error(`poison ${e.id}`);
            }
          }),
      });
      const applied = async () => (await pg.query<{ id: string }>(`SELECT event_id::text AS id FROM applied_event ORDER BY seq`)).rows.map((r) => r.id);
      // The events before the poison take effect although every batch holding it fails.
      await untilRows(applied, 12, "events before the poison");
      await sleep(500);
      expect(await applied()).toEqual(ids.slice(0, 12));
      expect(consumer.lastId()).toBe(ids[11]);
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(sizes.some((n) => n > 1)).toBe(true);

      poisonHeals = true;
      await untilRows(applied, ids.length, "all events once the poison heals");
      await sleep(300);
      await consumer.stop();
      expect(await applied()).toEqual(ids);
      expect(consumer.lastId()).toBe(ids.at(-1));
    } finally {
      await service.stop();
      await pg.exec(`DROP TABLE applied_event`);
    }
  });
});
