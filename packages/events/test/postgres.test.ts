/**
 * Against a real PostgreSQL server (TEST_DATABASE_URL or DATABASE_URL; skipped without one): concurrent
 * writers whose ids commit out of order must still reach a concurrent reader with no gaps.
 */
import { randomBytes } from "node:crypto";
import { sleep, until } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createListenNotifier, openServiceNotifier, OUTBOX_DDL, readEvents, recordChange } from "../src/index.js";

const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const schema = `events_test_${randomBytes(4).toString("hex")}`;

describe.skipIf(!url)("outbox on PostgreSQL", () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    pool = new pg.Pool({ connectionString: url, max: 12, options: `-c search_path=${schema}` });
    await pool.query(OUTBOX_DDL);
  });
  afterAll(async () => {
    await pool?.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool?.end();
  });

  async function writeOne(i: number): Promise<string> {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { eventId } = await recordChange(
        client,
        { actor: "u", action: "membership.members.create", entity: "Member", entityId: `m-${i}`, orgPath: "/01/" },
        { type: "membership.member.admitted", payload: { i } },
      );
      // Commit at a random later moment: without ordering, later ids would often commit first.
      await client.query("SELECT pg_sleep($1)", [Math.random() * 0.02]);
      await client.query("COMMIT");
      return eventId!;
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    } finally {
      client.release();
    }
  }

  it("a reader following the cursor sees every committed event exactly once, in order", async () => {
    const seen: string[] = [];
    let writing = true;
    const reader = (async () => {
      let cursor: string | null = null;
      for (;;) {
        // Whether the writers had all committed BEFORE this read: an empty read that began while the last
        // commit was landing proves nothing (that race failed this test once, missing only the last event).
        const finished = !writing;
        const batch = await readEvents(pool, { afterId: cursor, pathPrefixes: ["/"], limit: 50 });
        for (const e of batch) seen.push(e.id);
        if (batch.length > 0) cursor = batch.at(-1)!.id;
        else if (finished) break;
        await sleep(1);
      }
    })();
    const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => writeOne(i)));
    writing = false;
    await reader;
    const all = ids.map(BigInt).sort((a, b) => (a < b ? -1 : 1)).map(String);
    expect(seen).toEqual(all);
  });

  it("LISTEN/NOTIFY over a pg client wakes on commit", async () => {
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const n = await createListenNotifier(listener);
    let woke = 0;
    n.subscribe(() => (woke += 1));
    await writeOne(9999);
    await until(() => woke > 0, 20_000, "notification");
    await n.close();
    await listener.end();
  });

  it("a service notifier opened on the URL wakes on another connection's commit", async () => {
    const n = await openServiceNotifier({ databaseUrl: url });
    let woke = 0;
    n.subscribe(() => (woke += 1));
    await writeOne(9998);
    await until(() => woke > 0, 20_000, "notification");
    await n.close();
  });
});
