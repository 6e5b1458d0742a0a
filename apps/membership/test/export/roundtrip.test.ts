// Export writes the import template: exporting a seeded database, importing the files into an empty one
// and exporting again gives the same files (CSV byte for byte, XLSX cell for cell).
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { seedDatabase } from "../../src/seed/load.js";
import { exportMembers, exportOrganizations } from "../../src/export/index.js";
import { importMembers } from "../../src/import/members.js";
import { importOrganizations } from "../../src/import/orgs.js";
import { tmp } from "../import/helpers.js";

let source: TestDatabase;
let dir: string;
const opts = { actor: "roundtrip", today: "2026-07-15" };

async function sheetRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  const text = (v: unknown): string =>
    v === null || v === undefined ? "" : typeof v === "string" ? v : typeof v === "number" ? String(v) : JSON.stringify(v);
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(text)));
  return rows;
}

beforeAll(async () => {
  source = await openTestDatabase();
  await seedDatabase(source.db, { scale: "demo", seed: 3 });
  dir = tmp();
});
afterAll(async () => {
  await source?.close();
});

describe("export ⇄ import", () => {
  for (const format of ["csv", "xlsx"] as const) {
    it(`round-trips organizations and members through ${format.toUpperCase()}`, async () => {
      const orgs1 = path.join(dir, `orgs1.${format}`);
      const members1 = path.join(dir, `members1.${format}`);
      const nOrgs = await exportOrganizations(source.db, { path: orgs1 });
      const nMembers = await exportMembers(source.db, { path: members1 });
      const active = (await source.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE status IN ('official', 'probationary')`)).rows[0]!.n;
      expect(nMembers).toBe(active);
      expect(nOrgs).toBeGreaterThan(100);

      const target = await openTestDatabase();
      try {
        expect(await importOrganizations(target.db, { path: orgs1 }, opts)).toMatchObject({ ok: true, imported: nOrgs });
        const m = await importMembers(target.db, { path: members1 }, opts);
        expect(m.ok ? m : m.rejected.slice(0, 5)).toMatchObject({ ok: true, imported: nMembers });

        const orgs2 = path.join(dir, `orgs2.${format}`);
        const members2 = path.join(dir, `members2.${format}`);
        await exportOrganizations(target.db, { path: orgs2 });
        await exportMembers(target.db, { path: members2 });
        if (format === "csv") {
          expect(readFileSync(orgs2, "utf8")).toBe(readFileSync(orgs1, "utf8"));
          expect(readFileSync(members2, "utf8")).toBe(readFileSync(members1, "utf8"));
        } else {
          expect(await sheetRows(orgs2)).toEqual(await sheetRows(orgs1));
          const rows = await sheetRows(members2);
          expect(rows).toEqual(await sheetRows(members1));
          // National IDs are text cells: leading zeros survive.
          expect(rows.slice(1).some((r) => r[4]!.startsWith("0"))).toBe(true);
        }
      } finally {
        await target.close();
      }
    });
  }

  it("exports only the requested subtree", async () => {
    const province = (await source.db.query<{ path: string }>(`SELECT path FROM party_organization WHERE depth = 1 ORDER BY path LIMIT 1`)).rows[0]!.path;
    const expected = (await source.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member WHERE org_path LIKE $1 AND status IN ('official', 'probationary')`, [`${province}%`],
    )).rows[0]!.n;
    const n = await exportMembers(source.db, { path: path.join(dir, "p.csv") }, { orgPath: province });
    expect(n).toBe(expected);
    await expect(exportMembers(source.db, { path: path.join(dir, "bad.csv") }, { orgPath: "01" })).rejects.toMatchObject({ field: "orgPath" });
  });
});
