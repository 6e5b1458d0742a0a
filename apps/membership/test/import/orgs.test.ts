// Organization import: a tree given in any order, validated against the kinds' parent rules and the
// real administrative units; all or nothing.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { importOrganizations } from "../../src/import/orgs.js";
import { importMembers } from "../../src/import/members.js";
import { MEMBER_COLUMNS, ORG_COLUMNS } from "../../src/import/template.js";
import { memberRow, tmp, writeCsv, writeXlsx } from "./helpers.js";

let t: TestDatabase;
let dir: string;
const opts = { actor: "test", today: "2026-07-15" };
const org = (code: string, name: string, kind: string, parentCode: string, extra: Record<string, string> = {}) => ({
  code, name, kind, parentCode, openedOn: "01/07/2025", ...extra,
});

beforeAll(async () => {
  t = await openTestDatabase();
  dir = tmp();
});
afterAll(async () => {
  await t?.close();
});

describe("importOrganizations", () => {
  it("imports a tree whose children come before their parents, with paths, depths and parents", async () => {
    const rows = [
      org("46-19753-01", "Chi bộ Thôn 1", "Chi bộ trực thuộc", "46-19753", { adminUnitCode: "19753" }),
      org("46-19753", "Đảng bộ Phường Thuận Hóa", "Đảng bộ cơ sở", "46", { adminUnitCode: "19753", sector: "Phường" }),
      org("46", "Đảng bộ Thành phố Huế", "provincial_committee", "", { adminUnitCode: "46", openedOn: "01/01/1975" }),
      org("46-K2", "Đảng bộ Ủy ban nhân dân thành phố", "Đảng bộ cấp trên cơ sở", "46"),
      org("46-K2-0001", "Chi bộ Sở Tư pháp", "Chi bộ cơ sở", "46-K2", { sector: "state_agency" }),
    ];
    const r = await importOrganizations(t.db, { path: writeCsv(path.join(dir, "orgs.csv"), ORG_COLUMNS, rows) }, opts);
    expect(r).toMatchObject({ ok: true, imported: 5, orgPath: "/46/" });
    const { rows: db } = await t.db.query<{ code: string; path: string; depth: number; parent: string | null; sector: string | null; admin_unit_edition: string | null }>(
      `SELECT o.code, o.path, o.depth, p.code AS parent, o.sector, o.admin_unit_edition FROM party_organization o LEFT JOIN party_organization p ON p.id = o.parent_id ORDER BY o.path`,
    );
    expect(db).toEqual([
      // Opened in 1975: unit 46 in the edition of that date (Thừa Thiên Huế, 2024 edition).
      { code: "46", path: "/46/", depth: 1, parent: null, sector: null, admin_unit_edition: "2024" },
      { code: "46-19753", path: "/46/46-19753/", depth: 2, parent: "46", sector: "ward", admin_unit_edition: "2025" },
      { code: "46-19753-01", path: "/46/46-19753/46-19753-01/", depth: 3, parent: "46-19753", sector: null, admin_unit_edition: "2025" },
      { code: "46-K2", path: "/46/46-K2/", depth: 2, parent: "46", sector: null, admin_unit_edition: null },
      { code: "46-K2-0001", path: "/46/46-K2/46-K2-0001/", depth: 3, parent: "46-K2", sector: "state_agency", admin_unit_edition: null },
    ]);
    // Members can now be imported into the new cells.
    const m = await importMembers(t.db, { path: writeCsv(path.join(dir, "m.csv"), MEMBER_COLUMNS, [memberRow("46-19753-01"), memberRow("46-K2-0001")]) }, opts);
    expect(m).toMatchObject({ ok: true, imported: 2 });
  });

  it("rejects bad rows by row and column and writes nothing", async () => {
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization`)).rows[0]!.n;
    const rows = [
      org("46-X1", "Chi bộ mới", "Chi bộ trực thuộc", "46-19753"), // 2 ok
      org("46-X1", "Trùng mã", "Chi bộ trực thuộc", "46-19753"), // 3 duplicate in file
      org("46", "Đã có", "provincial_committee", ""), // 4 exists
      org("46-X2", "Cha không có", "Chi bộ trực thuộc", "KHONG"), // 5 unknown parent
      org("46-X3", "Sai cấp", "Đảng bộ cơ sở", "46-19753-01"), // 6 committee under a cell
      org("46-X4", "Mã hành chính sai", "Chi bộ cơ sở", "46-K2", { adminUnitCode: "99999" }), // 7
      org("46/X5", "Mã có gạch chéo", "Chi bộ cơ sở", "46-K2"), // 8
      org("46-X6", "Loại lạ", "Chi đoàn", "46-K2"), // 9
      org("46-X7", "Ngày sai", "Chi bộ cơ sở", "46-K2", { openedOn: "2025-07-01" }), // 10
      org("46-X8", "Vòng A", "Đảng bộ bộ phận", "46-X9"), // 11 loop
      org("46-X9", "Vòng B", "Đảng bộ bộ phận", "46-X8"), // 12 loop
      org("46-XA", "Không có cấp trên", "Chi bộ cơ sở", ""), // 13 parent required
      org("46_XB", "Mã có gạch dưới", "Chi bộ cơ sở", "46-K2"), // 14 '_' refused, as by the API
      org("46-XC", "Huyện sau cải cách", "Chi bộ cơ sở", "46-K2", { adminUnitCode: "474", openedOn: "01/07/2025" }), // 15 a 2024 district after 30/06/2025
      org("46-XD", "Huyện trước cải cách", "Chi bộ cơ sở", "46-K2", { adminUnitCode: "474", openedOn: "01/03/2020" }), // 16 ok
    ];
    const r = await importOrganizations(t.db, { path: await writeXlsx(path.join(dir, "bad.xlsx"), ORG_COLUMNS, rows) }, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.rejected.map((i) => `${i.row}:${i.column}`);
    for (const e of ["3:code", "4:code", "5:parentCode", "6:kind", "7:adminUnitCode", "8:code", "9:kind", "10:openedOn", "11:parentCode", "13:parentCode", "14:code", "15:adminUnitCode"]) {
      expect(got, `${e} in ${got.join(", ")}`).toContain(e);
    }
    expect(got.some((g) => g.startsWith("2:") || g.startsWith("16:"))).toBe(false);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization`)).rows[0]!.n).toBe(before);
  });

  it("answers a parent outside the caller's subtrees like a code that does not exist, naming nothing of it (#9 finding 5)", async () => {
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization`)).rows[0]!.n;
    // The caller may change /46/46-K2/ only; 46-19753 exists beside it (imported by the first test).
    const rows = [
      org("46-K2-0101", "Chi bộ dưới cấp trên lạ", "Chi bộ trực thuộc", "46-19753"), // 2 foreign parent
      org("46-K2-0102", "Chi bộ dưới cấp trên không có", "Chi bộ trực thuộc", "46-KHONG"), // 3 unknown parent
      org("46-K2-0103", "Chi bộ hợp lệ", "Chi bộ cơ sở", "46-K2"), // 4 ok
    ];
    const r = await importOrganizations(t.db, { path: writeCsv(path.join(dir, "foreign.csv"), ORG_COLUMNS, rows) }, { ...opts, allowedOrgPaths: ["/46/46-K2/"] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byRow = new Map(r.rejected.map((i) => [i.row, i]));
    expect(byRow.get(2)).toEqual({ row: 2, column: "parentCode", reason: 'no organization has the code "46-19753" (in the database or the file)' });
    // The same words as for a code that exists nowhere.
    expect(byRow.get(3)!.reason.replace("46-KHONG", "46-19753")).toBe(byRow.get(2)!.reason);
    expect(byRow.has(4)).toBe(false);
    expect(JSON.stringify(r.rejected)).not.toMatch(/\/46\/46-19753|outside|closed/);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization`)).rows[0]!.n).toBe(before);
  });
});
