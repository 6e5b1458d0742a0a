// Imports well past every COPY chunk size (#11, finding 1). On PGlite each COPY batch is its own statement;
// the batch size is set small here (64 KiB) so that a few tens of thousands of rows cross it hundreds of
// times, and the period spool (read back in 1 MiB blocks) crosses its block size too. On PostgreSQL
// (TEST_DATABASE_URL) the same file goes through pg-copy-streams. The 200,000-row round trip at the
// product's default sizes is in bench/embedded.ts.
import { createReadStream } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { sqlFromPglite, type Database } from "../../src/db/sql.js";
import { seedDatabase } from "../../src/seed/load.js";
import { importMembers } from "../../src/import/members.js";
import { importOrganizations } from "../../src/import/orgs.js";
import { exportMembers, exportOrganizations } from "../../src/export/index.js";
import { MEMBER_COLUMNS } from "../../src/import/template.js";
import { memberRow, tmp, writeCsv } from "./helpers.js";

const ROWS = 30_000;
const today = "2026-07-15";
let t: TestDatabase;
let db: Database;
let dir: string;
let cells: { code: string; path: string }[];

beforeAll(async () => {
  t = await openTestDatabase();
  const native = t.db.shared.native;
  db = native.kind === "pglite" ? sqlFromPglite(native.pglite, false, { copyBatchBytes: 64 * 1024 }) : t.db;
  await seedDatabase(t.db, { scale: "demo", seed: 7 });
  cells = (await t.db.query<{ code: string; path: string }>(`SELECT code, path FROM party_organization WHERE kind = 'subordinate_cell' AND closed_on IS NULL ORDER BY id LIMIT 20`)).rows;
  dir = tmp();
});
afterAll(async () => {
  await t?.close();
});

/** ROWS valid members over the cells, with free text long enough to make each line ~250 bytes. */
function file(name: string): string {
  const rows = Array.from({ length: ROWS }, (_, i) =>
    memberRow(cells[i % cells.length]!.code, {
      hometown: `Xã Hòa Bình ${i}, huyện Tân Phú, tỉnh Đồng Nai`,
      occupation: "Cán bộ, công chức",
      education: i % 3 === 0 ? "Đại học" : "Cao đẳng",
      ...(i % 4 === 0 ? { joinedOrgOn: "01/03/2024" } : {}),
    }),
  );
  return writeCsv(path.join(dir, name), MEMBER_COLUMNS, rows, { bom: true });
}

/** Members of this import whose first period matches them exactly (org, path, start). */
async function consistent(importedAfterId: number): Promise<{ members: number; periods: number; matching: number }> {
  const { rows } = await t.db.query<{ members: number; periods: number; matching: number }>(
    `SELECT (SELECT count(*)::int FROM member WHERE id > $1) AS members,
            (SELECT count(*)::int FROM membership_period WHERE member_id > $1) AS periods,
            (SELECT count(*)::int FROM member m JOIN membership_period p ON p.member_id = m.id
              WHERE m.id > $1 AND p.org_id = m.org_id AND p.org_path = m.org_path AND p.start_reason = 'import'
                AND m.hometown LIKE 'Xã Hòa Bình %' AND m.occupation = 'Cán bộ, công chức') AS matching`,
    [importedAfterId],
  );
  return rows[0]!;
}

const maxId = async () => (await t.db.query<{ n: number }>(`SELECT coalesce(max(id), 0)::int AS n FROM member`)).rows[0]!.n;

describe(`an import of ${ROWS.toLocaleString("en")} rows crossing every COPY batch (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite, 64 KiB batches"})`, () => {
  it("the product's round trip: seed → export orgs and members → import both into an empty database", async () => {
    // #11 found this failing at province scale with the default 8 MiB batches (bench/embedded.ts
    // roundtrip); 4 KiB batches make the demo seed's files cross them hundreds of times. First, while the
    // database holds only the seed.
    const orgsFile = path.join(dir, "rt-orgs.csv");
    const membersFile = path.join(dir, "rt-members.csv");
    const nOrgs = await exportOrganizations(t.db, { path: orgsFile });
    const nMembers = await exportMembers(t.db, { path: membersFile });
    const target = await openTestDatabase();
    try {
      const native = target.db.shared.native;
      const into = native.kind === "pglite" ? sqlFromPglite(native.pglite, false, { copyBatchBytes: 4 * 1024 }) : target.db;
      expect(await importOrganizations(into, { path: orgsFile }, { actor: "test", today })).toMatchObject({ ok: true, imported: nOrgs });
      expect(await importMembers(into, { path: membersFile }, { actor: "test", today })).toMatchObject({ ok: true, imported: nMembers });
      const { rows } = await target.db.query<{ members: number; periods: number }>(
        `SELECT (SELECT count(*)::int FROM member) AS members, (SELECT count(*)::int FROM membership_period) AS periods`,
      );
      expect(rows[0]).toEqual({ members: nMembers, periods: nMembers });
    } finally {
      await target.close();
    }
  }, 300_000);

  it("one-pass path (CSV file): every member and every period, exact", async () => {
    const before = await maxId();
    const phases = new Set<string>();
    const r = await importMembers(db, { path: file("fast.csv") }, { actor: "test", today, onProgress: (p) => phases.add(p.phase) });
    expect(r).toMatchObject({ ok: true, imported: ROWS });
    expect(phases.has("fallback")).toBe(false);
    expect(await consistent(before)).toEqual({ members: ROWS, periods: ROWS, matching: ROWS });
    // The joined dates went to the periods of the right members.
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM membership_period WHERE member_id > $1 AND started_on = '2024-03-01'`, [before]);
    expect(rows[0]!.n).toBe(ROWS / 4);
  });

  it("checked path (a stream): every member and every period, exact", async () => {
    const before = await maxId();
    const r = await importMembers(db, { stream: createReadStream(file("checked.csv")), format: "csv" }, { actor: "test", today });
    expect(r).toMatchObject({ ok: true, imported: ROWS });
    expect(await consistent(before)).toEqual({ members: ROWS, periods: ROWS, matching: ROWS });
  });

});
