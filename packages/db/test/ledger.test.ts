import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DbError } from "../src/errors.js";
import { checksumOf, readMigrations } from "../src/migrations/files.js";
import { applyMigrations, migrationStatus, resolveMigration } from "../src/migrations/ledger.js";
import type { SqlSession } from "../src/migrations/session.js";
import { pgSession } from "../src/pg.js";
import { pgliteSession } from "../src/pglite.js";
import { fixtureMigrations, freshPgDatabase, pgServerUrl, runCli, scratchService, tmpDir, writeMigration } from "./helpers.js";

interface Engine {
  name: string;
  /** A session on a new empty database, and its disposal. */
  open(): Promise<{ session: SqlSession; url?: string; close(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: "pglite",
    async open() {
      const pglite = await PGlite.create();
      return { session: pgliteSession(pglite, "memory://"), close: () => pglite.close() };
    },
  },
];
if (pgServerUrl) {
  engines.push({
    name: "postgres",
    async open() {
      const db = await freshPgDatabase("ledger");
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      return {
        session: pgSession(client, db.url),
        url: db.url,
        async close() {
          await client.end();
          await db.drop();
        },
      };
    },
  });
}

function tmpMigrations(): string {
  const dir = tmpDir("mig");
  cpSync(fixtureMigrations, dir, { recursive: true });
  return dir;
}

async function rowsOf(session: SqlSession) {
  return session.query<{
    id: string;
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    logs: string | null;
    applied_steps_count: number;
    started_at: Date;
  }>("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name");
}

async function failure(promise: Promise<unknown>): Promise<DbError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DbError);
    return error as DbError;
  }
  throw new Error("expected a failure");
}

describe.each(engines)("migration runner on $name", (engine) => {
  let db: Awaited<ReturnType<Engine["open"]>>;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it("creates _prisma_migrations with Prisma's exact columns and records each migration", async () => {
    const onDisk = await readMigrations(fixtureMigrations);
    const result = await applyMigrations(db.session, onDisk);
    expect(result.applied).toEqual(onDisk.migrations.map((m) => m.name));
    const columns = await db.session.query(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
    const rows = await rowsOf(db.session);
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    for (const [i, row] of rows.entries()) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.checksum).toBe(checksumOf(onDisk.migrations[i]!.script!));
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    const again = await applyMigrations(db.session, onDisk);
    expect(again.applied).toEqual([]);
    expect((await migrationStatus(db.session, onDisk)).upToDate).toBe(true);
  });

  it("reports an edited applied file but tolerates a line-ending-only change", async () => {
    const dir = tmpMigrations();
    const onDisk = await readMigrations(dir);
    const first = onDisk.migrations[0]!;
    const file = path.join(dir, first.name, "migration.sql");
    writeFileSync(file, first.script!.replace(/\n/g, "\r\n"));
    expect((await migrationStatus(db.session, await readMigrations(dir))).edited).toEqual([]);
    writeFileSync(file, first.script!.replace('"name" TEXT NOT NULL', '"name" VARCHAR(200) NOT NULL'));
    const edited = await readMigrations(dir);
    const status = await migrationStatus(db.session, edited);
    expect(status.edited).toEqual([first.name]);
    expect(status.upToDate).toBe(false);
    const applied = await applyMigrations(db.session, edited);
    expect(applied).toEqual({ applied: [], edited: [first.name], missingFromDisk: [], notApplied: [] });
  });

  it("records a failing migration, leaves nothing half-applied, and refuses later runs until resolved", async () => {
    const service = scratchService({ migrations: true });
    const bad = writeMigration(
      service,
      "20300101000000_bad",
      'CREATE TABLE "Half" ("id" INTEGER);\n\nINSERT INTO "Nope" ("x")\n  VALUES (1);\n',
    );
    writeMigration(service, "20300102000000_later", 'CREATE TABLE "Later" ("id" INTEGER);\n');
    const migrationsDir = path.join(service, "prisma", "migrations");

    const error = await failure(applyMigrations(db.session, await readMigrations(migrationsDir)));
    expect(error.code).toBe("P3018");
    expect(error.message).toContain('migration 20300101000000_bad failed to apply');
    expect(error.message).toContain('ERROR 42P01: relation "Nope" does not exist (migration.sql line 3)');

    const rows = await rowsOf(db.session);
    const badRow = rows.find((r) => r.migration_name === "20300101000000_bad")!;
    expect(badRow.finished_at).toBeNull();
    expect(badRow.rolled_back_at).toBeNull();
    expect(badRow.applied_steps_count).toBe(0);
    expect(badRow.logs).toContain("Database error code: 42P01");
    expect(badRow.logs).toContain('ERROR: relation "Nope" does not exist');
    expect(rows.some((r) => r.migration_name === "20300102000000_later")).toBe(false);
    // One simple-protocol query = one implicit transaction: the file's first statement was rolled back too.
    expect(await db.session.query(`SELECT to_regclass('"Half"') AS t`)).toEqual([{ t: null }]);

    const blocked = await failure(applyMigrations(db.session, await readMigrations(migrationsDir)));
    expect(blocked.code).toBe("P3009");
    expect(blocked.message).toContain('20300101000000_bad (started ');
    expect(blocked.message).toContain('ERROR: relation "Nope" does not exist');
    const status = await migrationStatus(db.session, await readMigrations(migrationsDir));
    expect(status.failed.map((f) => f.name)).toEqual(["20300101000000_bad"]);
    expect(status.pending).toEqual(["20300102000000_later"]);

    // Resolve as Prisma does: mark it rolled back, fix the file, apply again.
    const notFailed = await failure(
      resolveMigration(db.session, await readMigrations(migrationsDir), "rolled-back", "20300102000000_later"),
    );
    expect(notFailed.code).toBe("P3011");
    await resolveMigration(db.session, await readMigrations(migrationsDir), "rolled-back", "20300101000000_bad");
    writeFileSync(bad, 'CREATE TABLE "Half" ("id" INTEGER);\n');
    const retried = await applyMigrations(db.session, await readMigrations(migrationsDir));
    expect(retried.applied).toEqual(["20300101000000_bad", "20300102000000_later"]);
    const badRows = (await rowsOf(db.session)).filter((r) => r.migration_name === "20300101000000_bad");
    expect(badRows).toHaveLength(2);
    expect(badRows[0]!.rolled_back_at).toBeInstanceOf(Date);
    expect(badRows[1]!.finished_at).toBeInstanceOf(Date);
    expect(readFileSync(bad, "utf8")).toContain("Half");
  });

  it("marks a migration applied without running it (resolve --applied)", async () => {
    const service = scratchService({ migrations: true });
    writeMigration(service, "20300201000000_done_by_hand", "SELECT definitely_not_a_function();\n");
    const onDisk = await readMigrations(path.join(service, "prisma", "migrations"));
    await resolveMigration(db.session, onDisk, "applied", "20300201000000_done_by_hand");
    const status = await migrationStatus(db.session, onDisk);
    expect(status.applied).toContain("20300201000000_done_by_hand");
    const twice = await failure(resolveMigration(db.session, onDisk, "applied", "20300201000000_done_by_hand"));
    expect(twice.code).toBe("P3008");
  });
});

describe.each(engines)("a signal between migrations on $name", (engine) => {
  it("finishes the running migration, starts none after it, and the next run applies the rest", async () => {
    const fresh = await engine.open();
    try {
      const onDisk = await readMigrations(fixtureMigrations);
      const names = onDisk.migrations.map((m) => m.name);
      const stop = new AbortController();
      // The signal comes while the first migration's script runs (what an operator's Ctrl-C does).
      const session: SqlSession = {
        kind: fresh.session.kind,
        location: fresh.session.location,
        query: (sql, params) => fresh.session.query(sql, params),
        exec: async (script) => {
          if (script === onDisk.migrations[0]!.script) stop.abort();
          await fresh.session.exec(script);
        },
      };
      const stopped = await applyMigrations(session, onDisk, { signal: stop.signal });
      expect(stopped).toMatchObject({ applied: names.slice(0, 1), notApplied: names.slice(1) });
      const status = await migrationStatus(fresh.session, onDisk);
      expect(status).toMatchObject({ applied: names.slice(0, 1), pending: names.slice(1), failed: [] });
      const rest = await applyMigrations(fresh.session, onDisk, { signal: new AbortController().signal });
      expect(rest).toMatchObject({ applied: names.slice(1), notApplied: [] });
      expect((await migrationStatus(fresh.session, onDisk)).upToDate).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe.each(engines)("baseline protection on $name", (engine) => {
  it("refuses a non-empty schema without _prisma_migrations (P3005)", async () => {
    const db = await engine.open();
    try {
      await db.session.exec('CREATE TABLE "Existing" ("id" INTEGER)');
      const error = await failure(applyMigrations(db.session, await readMigrations(fixtureMigrations)));
      expect(error.code).toBe("P3005");
      expect(error.message).toContain("is not empty but has no _prisma_migrations table");
      expect((await migrationStatus(db.session, await readMigrations(fixtureMigrations))).notEmptyWithoutHistory).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!pgServerUrl)("concurrent appliers on PostgreSQL", () => {
  it("4 CLI processes at once on a fresh database record one row per migration", async () => {
    const db = await freshPgDatabase("concurrent");
    try {
      const service = scratchService({ migrations: true });
      const results = await Promise.all(
        [0, 1, 2, 3].map(() => runCli(["migrate", "apply"], service, { DATABASE_URL: db.url })),
      );
      for (const r of results) expect(r.stderr).toBe("");
      expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
      const appliedLines = results.map((r) => /Applied: (.*)/.exec(r.stdout)?.[1]).filter(Boolean);
      expect(appliedLines).toHaveLength(1); // one process did the work, three found nothing pending
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const rows = await client.query<{ migration_name: string; n: string }>(
        "SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY 1 ORDER BY 1",
      );
      await client.end();
      const names = (await readMigrations(fixtureMigrations)).migrations.map((m) => m.name);
      expect(rows.rows).toEqual(names.map((migration_name) => ({ migration_name, n: "1" })));
    } finally {
      await db.drop();
    }
  });
});
