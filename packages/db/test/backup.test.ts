// The verified backup of an embedded data directory taken before bulk work (#11,
// docs/runbooks/embedded-durability.md): CHECKPOINT, copy, open the copy and query it, then replace the
// previous backup; a copy that does not verify leaves the previous backup as it was.
import { existsSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";

import { openDatabase, type OpenDatabaseOptions } from "../src/database.js";
import { DbError } from "../src/errors.js";
import { PrismaClient } from "./fixture/src/generated/prisma/client.js";
import { fixtureMigrations, tmpDir } from "./helpers.js";

const createClient: OpenDatabaseOptions<PrismaClient>["createClient"] = (adapter) => new PrismaClient({ adapter });

async function orgNames(dir: string): Promise<string[]> {
  const copy = await PGlite.create(dir);
  try {
    return (await copy.query<{ name: string }>(`SELECT name FROM "Org" ORDER BY id`)).rows.map((r) => r.name);
  } finally {
    await copy.close();
  }
}

describe("backup()", () => {
  it("copies the embedded directory with every committed change, verified, and keeps the last good one", async () => {
    const dataDir = path.join(tmpDir("db-backup"), "fixture");
    const db = await openDatabase({ service: "fixture", migrationsDir: fixtureMigrations, createClient, dataDir });
    try {
      await db.query(`INSERT INTO "Org" (path, name) VALUES ('/01/', 'Hà Nội')`);
      const first = await db.backup();
      expect(first).toMatchObject({ dir: `${dataDir}.backup` });
      expect(first!.bytes).toBeGreaterThan(1_000_000);
      await db.query(`INSERT INTO "Org" (path, name) VALUES ('/79/', 'Thành phố Hồ Chí Minh')`);
      // A verification that fails: the new copy is dropped, the previous backup stays.
      await expect(db.backup(`SELECT * FROM "NoSuchTable"`)).rejects.toThrow(DbError);
      expect(existsSync(`${dataDir}.backup-tmp`)).toBe(false);
      await db.backup();
    } finally {
      await db.close();
    }
    expect(await orgNames(`${dataDir}.backup`)).toEqual(["Hà Nội", "Thành phố Hồ Chí Minh"]);
  });

  it("is null for in-memory databases", async () => {
    const db = await openDatabase({ service: "fixture", migrationsDir: fixtureMigrations, createClient, dataDir: "memory://" });
    try {
      expect(await db.backup()).toBeNull();
    } finally {
      await db.close();
    }
  });
});
