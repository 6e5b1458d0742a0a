import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { readEvents, recordCallerChange, recordChange, combineNotifiers, createListenNotifier, createLocalNotifier, openServiceNotifier } from "../src/index.js";
import type { TransactionalClient } from "../src/testing.js";
import { openOutboxDb } from "./helpers.js";

let pg: PGlite;
let db: TransactionalClient;
beforeAll(async () => {
  ({ pg, db } = await openOutboxDb());
});
afterAll(async () => {
  await pg?.close();
});

const change = (orgPath: string, entityId: string) => ({
  actor: "u-1",
  requestId: "rid-1",
  action: "membership.members.create",
  entity: "Member",
  entityId,
  orgPath,
  before: null,
  after: { id: entityId, admittedOn: new Date("2020-05-19T00:00:00Z"), count: 12n },
});

describe("recordChange", () => {
  it("writes the audit record and the event in the caller's transaction", async () => {
    const result = await db.$transaction((tx) =>
      recordChange(tx, change("/01/01-007/", "m-1"), { type: "membership.member.admitted", payload: { memberId: "m-1" } }),
    );
    expect(result.eventId).toMatch(/^\d+$/);
    const audit = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      "SELECT actor, request_id, action, entity, entity_id, org_path, before, after FROM audit_record WHERE id = $1::bigint",
      result.auditId,
    );
    expect(audit[0]).toMatchObject({
      actor: "u-1",
      request_id: "rid-1",
      entity_id: "m-1",
      org_path: "/01/01-007/",
      before: null,
      after: { id: "m-1", admittedOn: "2020-05-19T00:00:00.000Z", count: "12" },
    });
    const events = await readEvents(db, { afterId: Number(result.eventId) - 1, pathPrefixes: ["/"] });
    expect(events).toEqual([
      {
        id: result.eventId,
        type: "membership.member.admitted",
        orgPath: "/01/01-007/",
        aggregateId: "m-1",
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
        payload: { memberId: "m-1" },
      },
    ]);
  });

  it("leaves nothing behind when the transaction rolls back", async () => {
    const before = (await readEvents(db, { pathPrefixes: ["/"], limit: 1000 })).length;
    await expect(
      db.$transaction(async (tx) => {
        await recordChange(tx, change("/01/", "m-x"), { type: "membership.member.admitted", payload: {} });
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    expect((await readEvents(db, { pathPrefixes: ["/"], limit: 1000 })).length).toBe(before);
    const audits = await db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM audit_record WHERE entity_id = 'm-x'");
    expect(audits).toEqual([]);
  });

  it("writes several events of one change in the order given, under one audit record", async () => {
    const events = [
      { type: "conference.site.link_changed", orgPath: "/01/", aggregateId: "c-1", payload: { n: 1 } },
      { type: "conference.site.link_changed", orgPath: "/79/", aggregateId: "c-1", payload: { n: 2 } },
      { type: "conference.status_changed", payload: { n: 3 } },
    ];
    const result = await db.$transaction((tx) => recordChange(tx, change("/", "c-1"), events));
    expect(result.eventIds).toHaveLength(3);
    expect(result.eventId).toBe(result.eventIds[0]);
    const read = await readEvents(db, { afterId: Number(result.eventIds[0]) - 1, pathPrefixes: ["/"] });
    expect(read.map((e) => [e.id, e.orgPath, e.aggregateId, e.payload])).toEqual([
      [result.eventIds[0], "/01/", "c-1", { n: 1 }],
      [result.eventIds[1], "/79/", "c-1", { n: 2 }],
      [result.eventIds[2], "/", "c-1", { n: 3 }],
    ]);
    const audits = await db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM audit_record WHERE entity_id = 'c-1'");
    expect(audits).toHaveLength(1);
  });

  it("takes a pg / PGlite style query handle as well as a Prisma-shaped client (recordCallerChange)", async () => {
    const caller = { principal: { subject: "u-9" }, requestId: "rid-9", action: "membership.transfers.complete" };
    const result = await pg.transaction((tx) =>
      recordCallerChange(tx, caller, {
        entity: "Transfer",
        entityId: 7,
        orgPath: "/01/",
        after: { status: "completed" },
        events: [
          { type: "membership.transfer.completed", orgPath: "/01/", aggregateId: "7", payload: { side: "from" } },
          { type: "membership.transfer.completed", orgPath: "/79/", aggregateId: "7", payload: { side: "to" } },
        ],
      }),
    );
    expect(result.eventIds).toHaveLength(2);
    const audit = await db.$queryRawUnsafe<Record<string, unknown>[]>("SELECT actor, request_id, action, entity_id FROM audit_record WHERE id = $1::bigint", result.auditId);
    expect(audit).toEqual([{ actor: "u-9", request_id: "rid-9", action: "membership.transfers.complete", entity_id: "7" }]);
    const read = await readEvents(pg, { afterId: Number(result.eventIds[0]) - 1, pathPrefixes: ["/"] });
    expect(read.map((e) => e.payload)).toEqual([{ side: "from" }, { side: "to" }]);
  });

  it("refuses a malformed event org path before writing anything", async () => {
    await expect(db.$transaction((tx) => recordChange(tx, change("/01/", "m-3"), [{ type: "t.x.y", payload: {} }, { type: "t.x.y", orgPath: "79", payload: {} }]))).rejects.toThrow(
      /event orgPath "79"/,
    );
  });

  it("refuses a malformed org path", async () => {
    await expect(db.$transaction((tx) => recordChange(tx, change("01/", "m-2")))).rejects.toThrow(/not an organization path/);
  });
});

describe("readEvents", () => {
  beforeAll(async () => {
    for (const [path, id] of [["/79/", "a"], ["/01/", "b"], ["/010/", "c"], ["/01/01-007/", "e"]] as const) {
      await db.$transaction((tx) => recordChange(tx, change(path, id), { type: "t.x.y", payload: { id } }));
    }
    // Not valid org paths (recordChange refuses them), written raw to prove prefixes match literally.
    await db.$executeRawUnsafe(
      `INSERT INTO outbox_event (type, org_path, aggregate_id, payload) VALUES ('t.x.y', '/01_/', 'd', '{}'), ('t.x.y', '/01x/', 'x', '{}')`,
    );
  });
  it("confines rows to the prefixes, literally (no LIKE wildcards), in id order", async () => {
    const all = await readEvents(db, { pathPrefixes: ["/"], limit: 1000 });
    const ids = all.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    const mine = await readEvents(db, { pathPrefixes: ["/01/"], limit: 1000 });
    expect(new Set(mine.map((e) => e.orgPath))).toEqual(new Set(["/01/", "/01/01-007/"]));
    const underscore = await readEvents(db, { pathPrefixes: ["/01_/"], limit: 1000 });
    expect(underscore.map((e) => e.aggregateId)).toEqual(["d"]);
  });
  it("returns nothing for an empty scope (default deny)", async () => {
    expect(await readEvents(db, { pathPrefixes: [] })).toEqual([]);
  });
  it("pages with afterId and limit", async () => {
    const all = await readEvents(db, { pathPrefixes: ["/"], limit: 1000 });
    const page = await readEvents(db, { pathPrefixes: ["/"], afterId: all[1]!.id, limit: 2 });
    expect(page.map((e) => e.id)).toEqual([all[2]!.id, all[3]!.id]);
  });
  it("rejects a non-numeric cursor", async () => {
    await expect(readEvents(db, { pathPrefixes: ["/"], afterId: "1; DROP TABLE outbox_event" })).rejects.toThrow(/bad event id/);
  });
});

describe("notifiers", () => {
  it("a local notifier wakes subscribers", () => {
    const n = createLocalNotifier();
    let woke = 0;
    const off = n.subscribe(() => (woke += 1));
    n.notify();
    off();
    n.notify();
    expect(woke).toBe(1);
  });
  it("PGlite LISTEN/NOTIFY fires on commit only", async () => {
    const n = await createListenNotifier(pg);
    let woke = 0;
    n.subscribe(() => (woke += 1));
    await db.$transaction(async (tx) => {
      await recordChange(tx, change("/01/", "n-1"), { type: "t.x.y", payload: {} });
      // Not yet committed: nothing delivered.
      expect(woke).toBe(0);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(woke).toBe(1);
    await db.$transaction(async (tx) => {
      await recordChange(tx, change("/01/", "n-2"), { type: "t.x.y", payload: {} });
      throw new Error("rollback");
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(woke).toBe(1);
    await n.close();
  });
  it("combineNotifiers wakes a subscriber on any source, and unsubscribes from all", () => {
    const a = createLocalNotifier();
    const b = createLocalNotifier();
    let woke = 0;
    const off = combineNotifiers(a, b).subscribe(() => (woke += 1));
    a.notify();
    b.notify();
    off();
    a.notify();
    b.notify();
    expect(woke).toBe(2);
  });
  it("a service notifier wakes on notify() and, with a database, on any commit's NOTIFY", async () => {
    const alone = await openServiceNotifier();
    let wokeAlone = 0;
    alone.subscribe(() => (wokeAlone += 1));
    alone.notify();
    expect(wokeAlone).toBe(1);
    await alone.close();

    const n = await openServiceNotifier({ pglite: pg });
    let woke = 0;
    n.subscribe(() => (woke += 1));
    n.notify();
    expect(woke).toBe(1);
    await db.$transaction((tx) => recordChange(tx, change("/01/", "n-3"), { type: "t.x.y", payload: {} }));
    await new Promise((r) => setTimeout(r, 50));
    expect(woke).toBe(2);
    await n.close();
    await db.$transaction((tx) => recordChange(tx, change("/01/", "n-4"), { type: "t.x.y", payload: {} }));
    await new Promise((r) => setTimeout(r, 50));
    expect(woke).toBe(2);
  });
});
