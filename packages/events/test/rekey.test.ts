// The scope-key rewrite (src/rekey.ts) on a real embedded PostgreSQL: tables discovered, longest prefix first
// from the value before the statement, a row counted once however many of its columns moved, nullable
// columns, prefix boundaries (/010/ is not under /01/), history untouched, idempotent by key, one audit record
// and one event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRekey, commonOrgPath, REKEY_REQUEST_DDL, RekeyKeyReusedError, rekeyFailure, scopeKeyTables } from "../src/index.js";
import { openOutboxDb } from "./helpers.js";

let o: Awaited<ReturnType<typeof openOutboxDb>>;
beforeAll(async () => {
  o = await openOutboxDb();
  await o.pg.exec(REKEY_REQUEST_DDL);
  await o.pg.exec(`
    CREATE TABLE case_row (id int PRIMARY KEY, subject_org_path text NOT NULL, decided_by_org_path text, title text);
    CREATE TABLE site (id int PRIMARY KEY, org_path text NOT NULL, code text UNIQUE);
    CREATE TABLE no_paths (id int PRIMARY KEY, org_path_count int);
    INSERT INTO case_row VALUES (1, '/01/01-K1/', '/01/', 'k1'), (2, '/01/01-G1/01-C1/', NULL, 'c1'), (3, '/02/02-K2/', '/02/', 'p2'), (4, '/010/', '/010/', 'decoy'), (5, '/02/', '/01/', 'mixed');
    INSERT INTO site VALUES (1, '/01/', 'S1'), (2, '/01/01-K1/', 'S2'), (3, '/02/', 'S3');
    INSERT INTO audit_record (actor, action, entity, entity_id, org_path, prev_hash, hash) VALUES ('x', 'a', 'e', '1', '/01/01-K1/', '', '');
  `);
});
afterAll(() => o?.pg.close());

const MOVES = [
  { fromPath: "/01/", toPath: "/03/" },
  { fromPath: "/01/01-K1/", toPath: "/02/02-K1/" },
];
const caller = { principal: { subject: "service-account-restructuring" }, requestId: "r1", action: "test.restructuring.rekey" };

describe("rekey", () => {
  it("discovers the tables holding org paths, history and non-text columns left out", async () => {
    expect(await scopeKeyTables(o.db)).toEqual([
      { table: "case_row", columns: ["decided_by_org_path", "subject_org_path"] },
      { table: "site", columns: ["org_path"] },
    ]);
    expect(await scopeKeyTables(o.db, { exclude: ["case_row.decided_by_org_path"] })).toEqual([
      { table: "case_row", columns: ["subject_org_path"] },
      { table: "site", columns: ["org_path"] },
    ]);
  });

  it("rewrites by the longest prefix, counts rows once, keeps history, records once; a repeat replays", async () => {
    const out = await o.db.$transaction((tx) => applyRekey(tx, caller, { idempotencyKey: "k", effectiveOn: "2025-07-01", moves: MOVES }, { service: "test" }));
    expect(out).toEqual({ idempotencyKey: "k", records: { case_row: 3, site: 2 }, replayed: false });
    expect((await o.pg.query("SELECT id, subject_org_path, decided_by_org_path FROM case_row ORDER BY id")).rows).toEqual([
      { id: 1, subject_org_path: "/02/02-K1/", decided_by_org_path: "/03/" },
      { id: 2, subject_org_path: "/03/01-G1/01-C1/", decided_by_org_path: null },
      { id: 3, subject_org_path: "/02/02-K2/", decided_by_org_path: "/02/" },
      { id: 4, subject_org_path: "/010/", decided_by_org_path: "/010/" },
      { id: 5, subject_org_path: "/02/", decided_by_org_path: "/03/" },
    ]);
    expect((await o.pg.query("SELECT org_path FROM site ORDER BY id")).rows).toEqual([{ org_path: "/03/" }, { org_path: "/02/02-K1/" }, { org_path: "/02/" }]);
    expect((await o.pg.query("SELECT org_path FROM audit_record WHERE action = 'a'")).rows).toEqual([{ org_path: "/01/01-K1/" }]);
    expect((await o.pg.query("SELECT action, entity, entity_id, org_path FROM audit_record WHERE action <> 'a'")).rows).toEqual([{ action: "test.restructuring.rekey", entity: "ScopeKeys", entity_id: "k", org_path: "/" }]);
    expect((await o.pg.query("SELECT type FROM outbox_event")).rows).toEqual([{ type: "test.restructuring.rekeyed" }]);
    const again = await o.db.$transaction((tx) => applyRekey(tx, caller, { idempotencyKey: "k", effectiveOn: "2025-07-01", moves: MOVES }, { service: "test" }));
    expect(again).toEqual({ idempotencyKey: "k", records: { case_row: 3, site: 2 }, replayed: true });
    expect((await o.pg.query("SELECT count(*)::int AS n FROM outbox_event")).rows).toEqual([{ n: 1 }]);
    await expect(o.db.$transaction((tx) => applyRekey(tx, caller, { idempotencyKey: "k", effectiveOn: "2025-07-02", moves: MOVES }, { service: "test" }))).rejects.toBeInstanceOf(RekeyKeyReusedError);
  });

  it("a move colliding with a unique key rolls back whole, answered CONFLICT naming moves", async () => {
    await o.pg.exec(`CREATE UNIQUE INDEX site_path_uq ON site (org_path)`);
    const err = await o.db.$transaction((tx) => applyRekey(tx, caller, { idempotencyKey: "c", effectiveOn: "2025-07-01", moves: [{ fromPath: "/03/", toPath: "/02/" }] }, { service: "test" })).catch((e: unknown) => e);
    expect(rekeyFailure(err)?.code).toBe("CONFLICT");
    expect(rekeyFailure(err)?.message).toMatch(/^moves: /);
    expect((await o.pg.query("SELECT org_path FROM site ORDER BY id")).rows).toEqual([{ org_path: "/03/" }, { org_path: "/02/02-K1/" }, { org_path: "/02/" }]);
    expect((await o.pg.query("SELECT count(*)::int AS n FROM rekey_request WHERE idempotency_key = 'c'")).rows).toEqual([{ n: 0 }]);
    expect(rekeyFailure(new Error("boom"))).toBeNull();
  });

  it("names the audit record's scope by the moves' common subtree", () => {
    expect(commonOrgPath(["/01/01-K1/", "/01/01-K2/"])).toBe("/01/");
    expect(commonOrgPath(["/01/", "/03/"])).toBe("/");
    expect(commonOrgPath(["/01/01-K1/"])).toBe("/01/01-K1/");
    expect(commonOrgPath(["/010/", "/01/"])).toBe("/");
  });
});
