// The migration that turned the audit trail into a hash chain, applied to a trail written before it (on
// PGlite): every existing record is chained from the genesis as recordChange would have, verify accepts the
// result, and new records continue the chain. The migration is CHAIN_EXISTING_AUDIT_SQL of packages/events,
// not a copy edited by hand; conference's and inspection's are the same file.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { CHAIN_EXISTING_AUDIT_SQL, GENESIS_HASH, recordChange, verifyAuditChain } from "@orgboard/events";
import { pgliteClient } from "@orgboard/events/testing";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const migrationOf = (app: string) => {
  const dir = path.join(root, "apps", app, "prisma", "migrations");
  const name = readdirSync(dir).find((d) => d.endsWith("_audit_chain"))!;
  return readFileSync(path.join(dir, name, "migration.sql"), "utf8");
};

// audit_record as the first migration created it (20261127060000_init).
const BEFORE = `
CREATE TABLE "audit_record" (
  "id" BIGSERIAL NOT NULL, "actor" TEXT NOT NULL, "request_id" TEXT, "action" TEXT NOT NULL, "entity" TEXT NOT NULL,
  "entity_id" TEXT NOT NULL, "org_path" TEXT NOT NULL, "before" JSONB, "after" JSONB,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "audit_record_pkey" PRIMARY KEY ("id"));
CREATE TABLE outbox_event (id BIGSERIAL PRIMARY KEY, type TEXT NOT NULL, org_path TEXT NOT NULL, aggregate_id TEXT NOT NULL,
  payload JSONB NOT NULL, created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP);`;

describe("migration *_audit_chain", () => {
  it("is packages/events' chaining SQL, the same in membership, conference and inspection", () => {
    const sql = migrationOf("membership");
    expect(sql).toContain(CHAIN_EXISTING_AUDIT_SQL.trim());
    expect(migrationOf("conference")).toBe(sql);
    expect(migrationOf("inspection")).toBe(sql);
  });

  it("chains the records written before it, and the chain goes on", async () => {
    const pg = new PGlite();
    try {
      await pg.exec(BEFORE);
      await pg.exec(`INSERT INTO audit_record (actor, request_id, action, entity, entity_id, org_path, before, after, at) VALUES
        ('board-/01/', 'r1', 'membership.members.manage', 'Member', '1', '/01/', NULL, '{"fullName": "Lê Văn Tám", "n": 1.50}', '2026-11-28T01:02:03.456Z'),
        ('board-/01/', NULL, 'membership.members.manage', 'Member', '1', '/01/', '{"a": [1, {"b": null}]}', '{"a": []}', '2026-11-29T01:02:03Z'),
        ('operator-declared:x (os-user:y)', NULL, 'membership.members.import', 'MemberImport', 'imp-1', '/', NULL, '{"rows": 1000}', '2026-11-30T00:00:00Z')`);
      await pg.exec(migrationOf("membership"));
      const { rows } = await pg.query<{ id: string; prev_hash: string; hash: string; kind: string }>(`SELECT id::text AS id, prev_hash, hash, kind FROM audit_record ORDER BY id`);
      expect(rows.map((r) => r.kind)).toEqual(["change", "change", "change"]);
      expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      const db = pgliteClient(pg);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, records: 3 });
      await db.$transaction((tx) => recordChange(tx, { actor: "board-/01/", action: "membership.members.manage", entity: "Member", entityId: 2, orgPath: "/01/" }));
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, records: 4 });
      // The columns are required now: a record written around recordChange is refused.
      await expect(pg.exec(`INSERT INTO audit_record (actor, action, entity, entity_id, org_path) VALUES ('x', 'y', 'z', '1', '/')`)).rejects.toThrow(/null value/);
    } finally {
      await pg.close();
    }
  });
});
