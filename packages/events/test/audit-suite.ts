// The audit chain's tamper checks, run on PGlite (audit-chain.test.ts) and on PostgreSQL
// (audit-chain.postgres.test.ts): the same SQL must hash the same way on both.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asRawSql,
  auditRecordHash,
  AUDIT_ROW_TEXT_COLUMNS,
  CHAIN_EXISTING_AUDIT_SQL,
  GENESIS_HASH,
  readLatestAnchor,
  recordCallerRead,
  recordCallerReads,
  recordChange,
  startAuditAnchoring,
  verifyAuditChain,
  writeAnchor,
  type AuditRowText,
  type RawSqlClient,
} from "../src/index.js";

export interface AuditDb {
  /** A fresh, empty outbox/audit schema. */
  sql: RawSqlClient;
  /** Runs `fn` in a transaction. */
  transaction<T>(fn: (tx: RawSqlClient) => Promise<T>): Promise<T>;
  /** DDL / multi-statement scripts. */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export function auditChainSuite(name: string, open: () => Promise<AuditDb>): void {
  describe(`audit chain (${name})`, () => {
    let db: AuditDb;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
    });

    const write = (i: number, extra: Record<string, unknown> = {}) =>
      db.transaction((tx) =>
        recordChange(
          tx,
          { actor: `u-${i}`, requestId: i % 2 ? `r-${i}` : null, action: "membership.members.update", entity: "Member", entityId: i, orgPath: "/01/", before: { n: i }, after: { n: i + 1, "tên": "Nguyễn Văn A", z: [1, 2.5, null], a: { b: true }, ...extra } },
          { type: "membership.member.updated", payload: { i } },
        ),
      );
    const rows = () => db.sql.$queryRawUnsafe<AuditRowText[]>(`SELECT ${AUDIT_ROW_TEXT_COLUMNS} FROM audit_record ORDER BY audit_record.id`);
    /** Runs `tamper`, checks what verify says, then puts the table back as it was. */
    async function tampered(tamper: () => PromiseLike<unknown>): Promise<Awaited<ReturnType<typeof verifyAuditChain>>> {
      await db.exec(`CREATE TABLE audit_saved AS SELECT * FROM audit_record`);
      try {
        await tamper();
        return await verifyAuditChain(db.sql, { pageSize: 3 });
      } finally {
        await db.exec(`DELETE FROM audit_record; INSERT INTO audit_record SELECT * FROM audit_saved; DROP TABLE audit_saved;`);
      }
    }

    it("chains every record to the previous one, from the genesis, and verify recomputes the same hashes", async () => {
      for (let i = 1; i <= 4; i++) await write(i);
      // A rolled-back write leaves a gap in the ids (and no break in the chain).
      await expect(db.transaction(async (tx) => {
        await recordChange(tx, { actor: "u", action: "a", entity: "E", entityId: 0, orgPath: "/01/" });
        throw new Error("rollback");
      })).rejects.toThrow("rollback");
      for (let i = 5; i <= 8; i++) await write(i);
      await db.transaction((tx) => recordCallerRead(tx, { principal: { subject: "auditor-1" }, requestId: "r-read", action: "membership.members.get" }, { entity: "Member", entityId: 3, orgPath: "/01/" }));
      const all = await rows();
      expect(all).toHaveLength(9);
      expect(all[0]!.prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < all.length; i++) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
      for (const r of all) expect(auditRecordHash(r)).toBe(r.hash);
      expect(all.at(-1)).toMatchObject({ kind: "read", actor: "auditor-1", before: null, after: null });
      const result = await verifyAuditChain(db.sql, { pageSize: 4 });
      expect(result).toMatchObject({ ok: true, records: 9, fault: null, head: { lastId: all.at(-1)!.id, hash: all.at(-1)!.hash } });
    });

    it("detects an edited record (any field) and names it", async () => {
      const all = await rows();
      const target = all[3]!.id;
      for (const set of [`actor = 'someone-else'`, `after = jsonb_set(after, '{n}', '99')`, `at = at + interval '1 second'`, `kind = 'read'`, `request_id = 'forged-request'`, `org_path = '/02/'`, `entity_id = '999'`]) {
        const r = await tampered(() => db.sql.$executeRawUnsafe(`UPDATE audit_record SET ${set} WHERE id = ${target}`));
        expect(r.fault, set).toMatchObject({ kind: "edited", id: target });
        expect(r.ok).toBe(false);
      }
      // Edited AND its hash recomputed: the next record's link breaks.
      const r = await tampered(async () => {
        await db.sql.$executeRawUnsafe(`UPDATE audit_record SET actor = 'x' WHERE id = ${target}`);
        const [row] = await db.sql.$queryRawUnsafe<AuditRowText[]>(`SELECT ${AUDIT_ROW_TEXT_COLUMNS} FROM audit_record WHERE id = ${target}`);
        await db.sql.$executeRawUnsafe(`UPDATE audit_record SET hash = $1 WHERE id = ${target}`, auditRecordHash(row!));
      });
      expect(r.fault).toMatchObject({ kind: "missing-before", id: all[4]!.id });
    });

    it("detects a deleted record, naming the record after the gap (first, middle)", async () => {
      const all = await rows();
      const middle = await tampered(() => db.sql.$executeRawUnsafe(`DELETE FROM audit_record WHERE id = ${all[4]!.id}`));
      expect(middle.fault).toMatchObject({ kind: "missing-before", id: all[5]!.id });
      const first = await tampered(() => db.sql.$executeRawUnsafe(`DELETE FROM audit_record WHERE id = ${all[0]!.id}`));
      expect(first.fault).toMatchObject({ kind: "missing-before", id: all[1]!.id });
    });

    it("detects an inserted record, well formed and correctly hashed, and names it", async () => {
      const all = await rows();
      // ids have gaps (a rolled-back transaction's id is never used): the first test left one after record 4.
      const [a, next] = [all[3]!, all[4]!];
      expect(BigInt(next.id) - BigInt(a.id)).toBeGreaterThan(1n);
      const forged = { ...a, id: String(BigInt(a.id) + 1n), actor: "forged", prev_hash: a.hash! };
      const r = await tampered(() =>
        db.sql.$executeRawUnsafe(
          `INSERT INTO audit_record (id, at, kind, actor, request_id, action, entity, entity_id, org_path, before, after, prev_hash, hash)
           SELECT $1::bigint, at, kind, 'forged', request_id, action, entity, entity_id, org_path, before, after, $2, $3 FROM audit_record WHERE id = ${a.id}`,
          forged.id,
          forged.prev_hash,
          auditRecordHash(forged),
        ),
      );
      expect(r.fault).toMatchObject({ kind: "inserted", id: forged.id });
      // Appended after the head, chained to an older record: a record out of order.
      const tail = { ...a, id: String(BigInt(all.at(-1)!.id) + 10n), prev_hash: all[1]!.hash! };
      const appended = await tampered(() =>
        db.sql.$executeRawUnsafe(
          `INSERT INTO audit_record (id, at, kind, actor, request_id, action, entity, entity_id, org_path, before, after, prev_hash, hash)
           SELECT $1::bigint, at, kind, actor, request_id, action, entity, entity_id, org_path, before, after, $2, $3 FROM audit_record WHERE id = ${a.id}`,
          tail.id,
          tail.prev_hash,
          auditRecordHash(tail),
        ),
      );
      expect(appended.fault).toMatchObject({ kind: "reordered", id: tail.id });
    });

    it("detects reordered records (contents swapped between ids) and names the first", async () => {
      const all = await rows();
      const [a, b] = [all[5]!, all[6]!];
      const r = await tampered(async () => {
        await db.sql.$executeRawUnsafe(`UPDATE audit_record SET id = -id WHERE id IN (${a.id}, ${b.id})`);
        await db.sql.$executeRawUnsafe(`UPDATE audit_record SET id = CASE WHEN id = -${a.id} THEN ${b.id} ELSE ${a.id} END WHERE id < 0`);
      });
      expect(r.fault).toMatchObject({ kind: "edited", id: a.id });
      // Swapped AND re-hashed for their new ids: the links give it away.
      const rehashed = await tampered(async () => {
        await db.sql.$executeRawUnsafe(`UPDATE audit_record SET id = -id WHERE id IN (${a.id}, ${b.id})`);
        await db.sql.$executeRawUnsafe(`UPDATE audit_record SET id = CASE WHEN id = -${a.id} THEN ${b.id} ELSE ${a.id} END WHERE id < 0`);
        for (const id of [a.id, b.id]) {
          const [row] = await db.sql.$queryRawUnsafe<AuditRowText[]>(`SELECT ${AUDIT_ROW_TEXT_COLUMNS} FROM audit_record WHERE id = ${id}`);
          await db.sql.$executeRawUnsafe(`UPDATE audit_record SET hash = $1 WHERE id = ${id}`, auditRecordHash(row!));
        }
      });
      expect(rehashed.fault).toMatchObject({ kind: "missing-before", id: a.id });
    });

    it("detects a record inserted around recordChange (no hash) when the columns allow it", async () => {
      const r = await tampered(async () => {
        await db.exec(`ALTER TABLE audit_record ALTER COLUMN hash DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL`);
        await db.sql.$executeRawUnsafe(`INSERT INTO audit_record (actor, action, entity, entity_id, org_path) VALUES ('x', 'y', 'Member', '1', '/01/')`);
      });
      await db.exec(`ALTER TABLE audit_record ALTER COLUMN hash SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL`);
      expect(r.fault?.kind).toBe("unchained");
    });

    it("the migration's chaining of existing rows gives the same hashes as recordChange", async () => {
      const before = await rows();
      await db.exec(`UPDATE audit_record SET prev_hash = '', hash = ''`);
      await db.exec(CHAIN_EXISTING_AUDIT_SQL);
      expect(await rows()).toEqual(before);
    });

    it("anchors: a signed head outside the database catches a truncated tail and a rewritten chain", async () => {
      const dir = mkdtempSync(join(tmpdir(), "anchor-"));
      try {
        const { privateKey, publicKey } = generateKeyPairSync("ed25519");
        const file = join(dir, "membership.jsonl");
        const anchoring = startAuditAnchoring({ service: "membership", file, privateKey, intervalMs: 60_000, handle: db.sql });
        await anchoring.anchorNow();
        expect(await anchoring.anchorNow()).toBeNull(); // head unchanged: no new line
        await write(100);
        await anchoring.stop(); // a last anchor on shutdown
        const latest = readLatestAnchor(file, publicKey, "membership");
        if (!latest.ok) throw new Error(latest.message);
        const all = await rows();
        expect(latest.anchor).toMatchObject({ service: "membership", lastId: all.at(-1)!.id, hash: all.at(-1)!.hash });
        expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);

        expect(await verifyAuditChain(db.sql, { anchor: latest.anchor })).toMatchObject({ ok: true, anchorChecked: true });
        // Tail deleted: the chain alone is still consistent, the anchor is not.
        const truncated = await tampered(async () => {
          await db.sql.$executeRawUnsafe(`DELETE FROM audit_record WHERE id >= ${all.at(-2)!.id}`);
          return verifyAuditChain(db.sql, { anchor: latest.anchor });
        });
        expect(truncated.ok).toBe(true); // without the anchor…
        const t = await (async () => {
          await db.exec(`CREATE TABLE audit_saved2 AS SELECT * FROM audit_record`);
          await db.sql.$executeRawUnsafe(`DELETE FROM audit_record WHERE id >= ${all.at(-2)!.id}`);
          const v = await verifyAuditChain(db.sql, { anchor: latest.anchor });
          await db.exec(`DELETE FROM audit_record; INSERT INTO audit_record SELECT * FROM audit_saved2; DROP TABLE audit_saved2;`);
          return v;
        })();
        expect(t.fault).toMatchObject({ kind: "truncated", id: all.at(-1)!.id }); // …with it, caught
        // Whole chain rewritten from record 2 on (every hash recomputed): only the anchor tells.
        await db.exec(`CREATE TABLE audit_saved3 AS SELECT * FROM audit_record`);
        await db.sql.$executeRawUnsafe(`UPDATE audit_record SET actor = 'rewritten' WHERE id = ${all[1]!.id}`);
        await db.exec(`UPDATE audit_record SET prev_hash = '', hash = ''`);
        await db.exec(CHAIN_EXISTING_AUDIT_SQL);
        expect((await verifyAuditChain(db.sql)).ok).toBe(true);
        const rewritten = await verifyAuditChain(db.sql, { anchor: latest.anchor });
        await db.exec(`DELETE FROM audit_record; INSERT INTO audit_record SELECT * FROM audit_saved3; DROP TABLE audit_saved3;`);
        expect(rewritten.fault).toMatchObject({ kind: "anchor-mismatch", id: all.at(-1)!.id });

        // A forged or edited anchor line is refused, not skipped.
        const lines = readFileSync(file, "utf8").trim().split("\n");
        const forged = { ...(JSON.parse(lines.at(-1)!) as Record<string, unknown>), lastId: all[0]!.id };
        writeFileSync(file, `${lines[0]}\n${JSON.stringify(forged)}\n`);
        expect(readLatestAnchor(file, publicKey, "membership")).toMatchObject({ ok: false, line: 2 });
        const other = generateKeyPairSync("ed25519");
        writeFileSync(file, `${lines.join("\n")}\n`);
        expect(readLatestAnchor(file, other.publicKey, "membership")).toMatchObject({ ok: false, line: 1 });
        expect(await writeAnchor(db.sql, { service: "membership", file, privateKey })).toMatchObject({ lastId: all.at(-1)!.id });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("recordCallerReads chains one read record per item, in order", async () => {
      const caller = { principal: { subject: "inspector-1" }, requestId: "r-list", action: "inspection.cases.read" };
      const ids = await db.transaction((tx) => recordCallerReads(tx, caller, [1, 2, 3].map((i) => ({ entity: "Inspection", entityId: `case-${i}`, orgPath: "/01/", after: { read: "list" } }))));
      const got = await db.sql.$queryRawUnsafe<{ id: string; entity_id: string; kind: string }[]>(
        `SELECT id::text AS id, entity_id, kind FROM audit_record WHERE request_id = 'r-list' ORDER BY audit_record.id`,
      );
      expect(got.map((r) => [r.id, r.entity_id, r.kind])).toEqual(ids.map((id, i) => [id, `case-${i + 1}`, "read"]));
      expect((await verifyAuditChain(db.sql)).ok).toBe(true);
    });

    it("refuses to chain under REPEATABLE READ (its snapshot predates the lock)", async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
          return recordChange(tx, { actor: "u", action: "a", entity: "E", entityId: 1, orgPath: "/01/" });
        }),
      ).rejects.toThrow(/READ COMMITTED/);
    });
  });
}

/** The handle type the suite's callers build. */
export { asRawSql };
