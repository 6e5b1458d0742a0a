import path from "node:path";
import { Readable } from "node:stream";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type Database, type OpenDatabaseOptions } from "../src/database.js";
import { DbError } from "../src/errors.js";
import { createTestDatabase } from "../src/testing.js";
import { PrismaClient } from "./fixture/src/generated/prisma/client.js";
import { databaseExists, fixtureMigrations, freshPgDatabase, pgServerUrl, runCli, scratchService, tmpDir } from "./helpers.js";

// Exactly what a service writes.
const createClient: OpenDatabaseOptions<PrismaClient>["createClient"] = (adapter) => new PrismaClient({ adapter });

interface Target {
  name: "pglite" | "postgres";
  open(): Promise<{ db: Database<PrismaClient>; dispose: () => Promise<void> }>;
}

const targets: Target[] = [
  {
    name: "pglite",
    async open() {
      const db = await openDatabase({ service: "fixture", migrationsDir: fixtureMigrations, createClient, dataDir: "memory://" });
      return { db, dispose: () => db.close() };
    },
  },
];
if (pgServerUrl) {
  targets.push({
    name: "postgres",
    async open() {
      const fresh = await freshPgDatabase("runtime");
      const db = await openDatabase({ service: "fixture", migrationsDir: fixtureMigrations, createClient, databaseUrl: fresh.url });
      return {
        db,
        async dispose() {
          await db.close();
          await fresh.drop();
        },
      };
    },
  });
}

const TRICKY = ["tab\there", "new\nline", "back\\slash", "Nguyễn Thị Minh Khai", "\\N", "quote\"and'"];

describe.each(targets)("openDatabase on $name", (target) => {
  let db: Database<PrismaClient>;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await target.open());
  });
  afterAll(async () => {
    await dispose();
  });

  it("migrated on open and works with the generated client", async () => {
    expect(db.kind).toBe(target.name);
    expect(db.migrations?.applied).toHaveLength(2);
    await db.ping();
    const org = await db.prisma.org.create({ data: { path: "/01/", name: "Hà Nội" } });
    const member = await db.prisma.member.create({
      data: { orgId: org.id, orgPath: org.path, fullName: "Trần Văn A", joinedOn: new Date("2001-05-19"), phone: null },
    });
    expect(typeof member.id).toBe("bigint");
    const found = await db.prisma.member.findMany({ where: { orgPath: { startsWith: "/01/" } }, include: { org: true } });
    expect(found).toHaveLength(1);
    expect(found[0]!.org.name).toBe("Hà Nội");
    expect(found[0]!.joinedOn.toISOString()).toBe("2001-05-19T00:00:00.000Z");
    await db.prisma.$transaction(async (tx) => {
      await tx.member.update({ where: { id: member.id }, data: { phone: "0900000000" } });
    });
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).phone).toBe("0900000000");
  });

  it("query() parses int8 as bigint and numeric as string on both engines", async () => {
    const result = await db.query<{ n: bigint; d: string; at: Date; j: unknown }>(
      "SELECT count(*) AS n, 1.50::numeric AS d, now() AS at, '{\"a\":[1]}'::jsonb AS j FROM \"Org\" WHERE path = $1",
      ["/01/"],
    );
    expect(result.rows).toEqual([{ n: 1n, d: "1.50", at: expect.any(Date), j: { a: [1] } }]);
    expect(result.rowCount).toBe(1);
    const update = await db.query('UPDATE "Org" SET name = name WHERE path LIKE $1', ["/%"]);
    expect(update.rowCount).toBe(1);
  });

  it("exposes the engine handle it uses: rows written through it are seen by Prisma and query()", async () => {
    expect(db.native.kind).toBe(target.name);
    const native = db.native;
    if (native.kind === "postgres") {
      await native.pool.query(`INSERT INTO "Org" (path, name) VALUES ($1, $2)`, ["/09/", "native"]);
    } else {
      await native.pglite.query(`INSERT INTO "Org" (path, name) VALUES ($1, $2)`, ["/09/", "native"]);
    }
    expect((await db.prisma.org.findUniqueOrThrow({ where: { path: "/09/" } })).name).toBe("native");
    expect((await db.query('DELETE FROM "Org" WHERE path = $1', ["/09/"])).rowCount).toBe(1);
  });

  it("copyFrom loads 100k rows, keeping awkward text intact", async () => {
    const org = await db.prisma.org.create({ data: { path: "/02/", name: "copy" } });
    function* rows() {
      for (let i = 0; i < 100_000; i++) {
        yield [org.id, `/02/${i % 100}/`, i < TRICKY.length ? TRICKY[i] : `Member ${i}`, new Date(Date.UTC(1990, 0, 1 + (i % 9000))), i % 3 === 0 ? null : `09${i}`];
      }
    }
    const started = Date.now();
    // An object-mode stream is an async iterable: both shapes are accepted.
    const source = target.name === "postgres" ? Readable.from(rows()) : rows();
    const count = await db.copyFrom("Member", ["orgId", "orgPath", "fullName", "joinedOn", "phone"], source);
    const ms = Date.now() - started;
    expect(count).toBe(100_000);
    expect(await db.prisma.member.count({ where: { orgId: org.id } })).toBe(100_000);
    const tricky = await db.prisma.member.findMany({
      where: { orgId: org.id, fullName: { in: TRICKY } },
      orderBy: { id: "asc" },
      select: { fullName: true, phone: true },
    });
    expect(tricky.map((t) => t.fullName)).toEqual(TRICKY);
    expect(tricky[0]!.phone).toBeNull();
    console.log(`copyFrom ${target.name}: 100k rows in ${ms} ms`);
  });

  it("copyFrom loads all rows or none, and names a bad row clearly", async () => {
    const before = await db.prisma.member.count();
    const rows = [
      [1, "/01/", "ok", new Date("2000-01-01"), null],
      [999_999, "/01/", "no such org", new Date("2000-01-01"), null],
    ];
    await expect(db.copyFrom("Member", ["orgId", "orgPath", "fullName", "joinedOn", "phone"], rows)).rejects.toThrow(
      /foreign key/,
    );
    expect(await db.prisma.member.count()).toBe(before);
    await expect(db.copyFrom("Member", ["orgId", "orgPath"], [[1]])).rejects.toThrow(
      "copyFrom row has 1 values but 2 columns were named",
    );
    await expect(db.copyFrom("Member; DROP", ["orgId"], [[1]])).rejects.toThrow(DbError);
    await db.ping(); // the connection survived the failed COPY
  });
});

describe.skipIf(!pgServerUrl)("copyFrom on PostgreSQL streams", () => {
  it("keeps memory bounded while loading far more text than it could buffer", async () => {
    const fresh = await freshPgDatabase("stream");
    const db = await openDatabase({ service: "fixture", migrationsDir: fixtureMigrations, createClient, databaseUrl: fresh.url });
    try {
      const org = await db.prisma.org.create({ data: { path: "/03/", name: "stream" } });
      const padding = "x".repeat(2000);
      const total = 150_000; // ~300 MB of COPY text
      global.gc?.();
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      function* rows() {
        for (let i = 0; i < total; i++) {
          if (i % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
          yield [org.id, "/03/", `${i}${padding}`, new Date(Date.UTC(2000, 0, 1)), null];
        }
      }
      expect(await db.copyFrom("Member", ["orgId", "orgPath", "fullName", "joinedOn", "phone"], rows())).toBe(total);
      // Buffering would need ~600 MB of heap (UTF-16); streaming stays far below, whatever the GC timing.
      console.log(`copyFrom postgres: ${total} rows of 2 KB, heap peak +${Math.round(peak / 1048576)} MB`);
      expect(peak).toBeLessThan(150 * 1024 * 1024);
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

describe("PGlite: one instance per data directory", () => {
  it("shares the instance inside a process, migrates once, and refuses a second process", async () => {
    const dataDir = path.join(tmpDir("data"), "fixture");
    const open = () => openDatabase({ service: "fixture", migrationsDir: fixtureMigrations, createClient, dataDir });
    const [a, b, c, d] = await Promise.all([open(), open(), open(), open()]);
    const applied = [a, b, c, d].flatMap((db) => db.migrations!.applied);
    expect(applied).toHaveLength(2); // one opener applied both migrations; the others found none pending
    await a.prisma.org.create({ data: { path: "/09/", name: "shared" } });
    expect(await b.prisma.org.count()).toBe(1);
    await a.close();
    expect(await b.prisma.org.count()).toBe(1); // still open for the others

    const service = scratchService({ migrations: true });
    const other = await runCli(["migrate", "status", "--data-dir", dataDir], service);
    expect(other.code).toBe(1);
    expect(other.stderr.trim()).toBe(
      `orgboard-db: the embedded database ${dataDir} is in use by process ${process.pid}; stop it first (or set DATABASE_URL to use a PostgreSQL server)`,
    );
    await Promise.all([b.close(), c.close(), d.close()]);
    const after = await runCli(["migrate", "status", "--data-dir", dataDir], service);
    expect(after.stdout).toContain("Database schema is up to date.");
    expect(after.code).toBe(0);

    const reopened = await open();
    expect(reopened.migrations!.applied).toEqual([]);
    expect(await reopened.prisma.org.count()).toBe(1); // the data persisted on disk
    await reopened.close();
  });
});

describe("openDatabase errors", () => {
  it("rejects a bad URL and an unreachable server with clear DbErrors", async () => {
    const bad = openDatabase({ service: "fixture", migrationsDir: fixtureMigrations, createClient, databaseUrl: "http://x" });
    await expect(bad).rejects.toMatchObject({ code: "ORG_DB_BAD_URL" });
    const down = openDatabase({
      service: "fixture",
      migrationsDir: fixtureMigrations,
      createClient,
      databaseUrl: "postgres://u:secret@127.0.0.1:9/db",
    });
    await expect(down).rejects.toMatchObject({ code: "ORG_DB_CONNECT" });
    await expect(down).rejects.toThrow(/^postgres:\/\/u:\*\*\*@127\.0\.0\.1:9\/db: cannot reach the database server \(ECONNREFUSED\)/);
    await expect(
      openDatabase({ service: "Bad Name", migrationsDir: fixtureMigrations, createClient, dataDir: "memory://" }),
    ).rejects.toMatchObject({ code: "ORG_DB_BAD_SERVICE" });
  });
});

describe("createTestDatabase", () => {
  it("gives an in-memory PGlite without a server", async () => {
    const db = await createTestDatabase({ migrationsDir: fixtureMigrations, createClient, serverUrl: "" });
    expect(db.kind).toBe("pglite");
    expect(db.url).toBeNull();
    expect(await db.prisma.member.count()).toBe(0);
    await db.close();
  });

  it.skipIf(!pgServerUrl)("creates, migrates and drops a uniquely named database on the server", async () => {
    const [one, two] = await Promise.all([
      createTestDatabase({ migrationsDir: fixtureMigrations, createClient, service: "fixture" }),
      createTestDatabase({ migrationsDir: fixtureMigrations, createClient, service: "fixture" }),
    ]);
    expect(one.kind).toBe("postgres");
    const name = new URL(one.url!).pathname.slice(1);
    expect(name).toMatch(/^orgboard_test_fixture_/);
    expect(name).not.toBe(new URL(two.url!).pathname.slice(1));
    expect(await databaseExists(name)).toBe(true);
    await one.prisma.org.create({ data: { path: "/01/", name: "one" } });
    expect(await two.prisma.org.count()).toBe(0);
    await Promise.all([one.close(), two.close()]);
    expect(await databaseExists(name)).toBe(false);
  });
});
