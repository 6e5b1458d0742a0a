// Member import: happy paths (CSV, XLSX), every rejection names row and column, all or nothing, one
// audit record and one outbox event per import, counters follow.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { seedDatabase } from "../../src/seed/load.js";
import { importMembers } from "../../src/import/members.js";
import { MEMBER_COLUMNS } from "../../src/import/template.js";
import { MembershipInputError } from "../../src/db/errors.js";
import { memberRow, nationalIdFor, tmp, writeCsv, writeXlsx } from "./helpers.js";

let t: TestDatabase;
let dir: string;
let cellA: { code: string; path: string };
let cellB: { code: string; path: string };
let commune: string;
let closed: string;
const today = "2026-07-15";
const actor = "test-officer";

const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const snapshot = async () => ({
  member: await count("member"),
  membership_period: await count("membership_period"),
  audit_record: await count("audit_record"),
  outbox_event: await count("outbox_event"),
  org_year_stat: (await t.db.query<{ s: number }>(`SELECT coalesce(sum(joined), 0)::int AS s FROM org_year_stat`)).rows[0]!.s,
});

beforeAll(async () => {
  t = await openTestDatabase();
  await seedDatabase(t.db, { scale: "demo", seed: 5 });
  dir = tmp();
  const cells = (await t.db.query<{ code: string; path: string }>(`SELECT code, path FROM party_organization WHERE kind = 'subordinate_cell' AND closed_on IS NULL ORDER BY id LIMIT 2`)).rows;
  [cellA, cellB] = [cells[0]!, cells[1]!];
  commune = (await t.db.query<{ code: string }>(`SELECT code FROM party_organization WHERE kind = 'grassroots_committee' ORDER BY id LIMIT 1`)).rows[0]!.code;
  closed = (await t.db.query<{ code: string }>(`SELECT code FROM party_organization WHERE closed_on IS NOT NULL LIMIT 1`)).rows[0]!.code;
});
afterAll(async () => {
  await t?.close();
});

describe("importMembers", () => {
  it("imports a CSV (BOM, Vietnamese headers): members, periods, one audit record, one outbox event, counters", async () => {
    const before = await snapshot();
    const totalBefore = (await t.db.query<{ net: number }>(`SELECT net FROM org_member_total WHERE org_path = $1`, [cellA.path])).rows[0]?.net ?? 0;
    const rows = [
      memberRow(cellA.code, { fullName: "Trần Thị Bình", gender: "Nữ", birthDate: "02/09/1995" }),
      memberRow(cellA.code, { status: "Dự bị", admittedOn: "19/05/2026", officialOn: "", partyCardNumber: "" }),
      memberRow(cellA.code, { joinedOrgOn: "01/03/2024", partyCardNumber: "99000001" }),
    ];
    const file = writeCsv(path.join(dir, "ok.csv"), MEMBER_COLUMNS, rows, { bom: true });
    const r = await importMembers(t.db, { path: file }, { actor, today });
    expect(r).toMatchObject({ ok: true, imported: 3 });
    if (!r.ok) return;
    expect(r.orgPath).toBe(cellA.path);
    const after = await snapshot();
    expect(after.member - before.member).toBe(3);
    expect(after.membership_period - before.membership_period).toBe(3);
    expect(after.audit_record - before.audit_record).toBe(1);
    expect(after.outbox_event - before.outbox_event).toBe(1);
    const { rows: ev } = await t.db.query<{ type: string; org_path: string; payload: { imported: number } }>(`SELECT type, org_path, payload FROM outbox_event ORDER BY id DESC LIMIT 1`);
    expect(ev[0]).toMatchObject({ type: "membership.members.imported", org_path: cellA.path, payload: { imported: 3 } });
    const { rows: audit } = await t.db.query<{ actor: string; entity: string }>(`SELECT actor, entity FROM audit_record ORDER BY id DESC LIMIT 1`);
    expect(audit[0]).toEqual({ actor, entity: "MemberImport" });
    const { rows: m } = await t.db.query<{ full_name: string; status: string; official_on: string | null; started_on: string; org_path: string }>(
      `SELECT m.full_name, m.status, m.official_on, p.started_on, m.org_path FROM member m JOIN membership_period p ON p.member_id = m.id
       WHERE m.national_id = ANY($1) ORDER BY m.id`,
      [rows.map((x) => x.nationalId)],
    );
    expect(m.map((x) => [x.full_name, x.status, x.official_on, x.started_on, x.org_path])).toEqual([
      ["Trần Thị Bình", "official", "2016-02-03", "2015-02-03", cellA.path],
      ["Nguyễn Văn An", "probationary", null, "2026-05-19", cellA.path],
      ["Nguyễn Văn An", "official", "2016-02-03", "2024-03-01", cellA.path],
    ]);
    const totalAfter = (await t.db.query<{ net: number }>(`SELECT net FROM org_member_total WHERE org_path = $1`, [cellA.path])).rows[0]!.net;
    expect(totalAfter - totalBefore).toBe(3);
  });

  it("imports an XLSX with Excel date cells and a national ID typed as a number", async () => {
    const id = nationalIdFor("20/11/1988", "male");
    expect(id.startsWith("0")).toBe(true);
    const file = await writeXlsx(path.join(dir, "ok.xlsx"), MEMBER_COLUMNS, [
      { ...memberRow(cellB.code), birthDate: new Date(Date.UTC(1988, 10, 20)), nationalId: Number(id), admittedOn: "10/10/2012", officialOn: "10/10/2013" },
      memberRow(cellB.code, { fullName: "Lê Văn Cường" }),
    ]);
    const r = await importMembers(t.db, { path: file }, { actor, today });
    expect(r).toMatchObject({ ok: true, imported: 2 });
    const { rows } = await t.db.query<{ birth_date: string }>(`SELECT birth_date FROM member WHERE national_id = $1`, [id]);
    expect(rows[0]?.birth_date).toBe("1988-11-20");
  });

  it("rejects every kind of bad row, naming row and column, and writes nothing", async () => {
    const existing = (await t.db.query<{ national_id: string; party_card_number: string }>(
      `SELECT national_id, party_card_number FROM member WHERE party_card_number IS NOT NULL ORDER BY id LIMIT 1`,
    )).rows[0]!;
    const dupId = nationalIdFor("15/04/1990", "male");
    const rows: Record<string, string>[] = [
      memberRow(cellA.code), // row 2: valid
      memberRow(cellA.code, { fullName: "" }), // 3
      memberRow(cellA.code, { birthDate: "1990-01-05" }), // 4
      memberRow(cellA.code, { birthDate: "31/02/1990" }), // 5
      memberRow(cellA.code, { gender: "X" }), // 6
      memberRow(cellA.code, { nationalId: "00109012345" }), // 7: 11 digits
      memberRow(cellA.code, { nationalId: nationalIdFor("15/04/1985", "male") }), // 8: birth year mismatch
      memberRow(cellA.code, { birthDate: "01/01/2000", admittedOn: "01/06/2017", officialOn: "01/06/2018" }), // 9: 17 at admission
      memberRow(cellA.code, { officialOn: "" }), // 10: official without date
      memberRow(cellA.code, { officialOn: "01/12/2015" }), // 11: < 12 months
      memberRow(cellA.code, { status: "Dự bị", officialOn: "03/02/2016" }), // 12: probationary with date
      memberRow(cellA.code, { status: "Dự bị", admittedOn: "01/01/2027", officialOn: "" }), // 13: future
      memberRow("KHONG-CO"), // 14: unknown org
      memberRow(closed), // 15: closed org
      memberRow(commune), // 16: not a cell
      memberRow(cellA.code, { nationalId: dupId }), // 17
      memberRow(cellA.code, { nationalId: dupId }), // 18: duplicate in file
      memberRow(cellA.code, { nationalId: existing.national_id, birthDate: "" }), // 19: birthDate missing (row-level)
      memberRow(cellA.code, { partyCardNumber: existing.party_card_number }), // 20: card in db
      memberRow(cellA.code, { partyCardNumber: "55555555" }), // 21
      memberRow(cellA.code, { partyCardNumber: "55555555" }), // 22: card duplicate in file
      memberRow(cellA.code, { status: "Đã chuyển đi" }), // 23
      memberRow(cellA.code, { joinedOrgOn: "01/01/2014" }), // 24: before admission
    ];
    const { rows: e } = await t.db.query<{ national_id: string; birth_date: string; gender: string }>(
      `SELECT national_id, to_char(birth_date, 'DD/MM/YYYY') AS birth_date, gender FROM member ORDER BY id LIMIT 1`,
    );
    rows.push(memberRow(cellA.code, { nationalId: e[0]!.national_id, birthDate: e[0]!.birth_date, gender: e[0]!.gender === "female" ? "Nữ" : "Nam" })); // 25: exists in db
    const before = await snapshot();
    const file = writeCsv(path.join(dir, "bad.csv"), MEMBER_COLUMNS, rows);
    const r = await importMembers(t.db, { path: file }, { actor, today });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.rejected.map((i) => `${i.row}:${i.column}`);
    const expected = [
      "3:fullName", "4:birthDate", "5:birthDate", "6:gender", "7:nationalId", "8:nationalId", "9:admittedOn",
      "10:officialOn", "11:officialOn", "12:officialOn", "13:admittedOn", "14:orgCode", "15:orgCode", "16:orgCode",
      "18:nationalId", "19:birthDate", "20:partyCardNumber", "22:partyCardNumber", "23:status", "24:joinedOrgOn", "25:nationalId",
    ];
    for (const e of expected) expect(got, `expected a rejection ${e} in ${got.join(", ")}`).toContain(e);
    expect(got.some((g) => g.startsWith("2:"))).toBe(false);
    expect(r.rejectedCount).toBe(r.rejected.length);
    for (const i of r.rejected) expect(i.reason.length).toBeGreaterThan(5);
    expect(r.rejected.find((i) => i.row === 18)?.reason).toContain("row 17");
    expect(r.rejected.find((i) => i.row === 15)?.reason).toContain("closed");
    expect(await snapshot()).toEqual(before);
  });

  it("is all or nothing: many good rows and one bad one at the end write nothing", async () => {
    const before = await snapshot();
    const rows = Array.from({ length: 300 }, (_, i) => memberRow(i % 2 ? cellA.code : cellB.code));
    rows.push(memberRow(cellA.code, { admittedOn: "32/01/2015" }));
    const r = await importMembers(t.db, { path: writeCsv(path.join(dir, "one-bad.csv"), MEMBER_COLUMNS, rows) }, { actor, today });
    expect(r).toMatchObject({ ok: false, rejectedCount: 1, rejected: [{ row: 302, column: "admittedOn" }] });
    expect(await snapshot()).toEqual(before);
  });

  it("XLSX rejections carry the sheet row numbers", async () => {
    const file = await writeXlsx(path.join(dir, "bad.xlsx"), MEMBER_COLUMNS, [memberRow(cellA.code), memberRow(cellA.code, { gender: "?" })]);
    const r = await importMembers(t.db, { path: file }, { actor, today });
    expect(r).toMatchObject({ ok: false, rejected: [{ row: 3, column: "gender" }] });
  });

  it("accepts English keys as headers and refuses unknown or missing columns naming them", async () => {
    const ok = writeCsv(path.join(dir, "en.csv"), MEMBER_COLUMNS, [memberRow(cellB.code)], { englishHeader: true });
    expect(await importMembers(t.db, { path: ok }, { actor, today })).toMatchObject({ ok: true, imported: 1 });

    const unknown = writeCsv(path.join(dir, "unknown.csv"), [...MEMBER_COLUMNS, { key: "shoeSize", header: "Cỡ giày", required: false, format: "" }], [memberRow(cellB.code)]);
    await expect(importMembers(t.db, { path: unknown }, { actor, today })).rejects.toThrow(/header: column 15 "Cỡ giày"/);
    const missing = writeCsv(path.join(dir, "missing.csv"), MEMBER_COLUMNS.filter((c) => c.key !== "nationalId"), [memberRow(cellB.code)]);
    const err = await importMembers(t.db, { path: missing }, { actor, today }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MembershipInputError);
    expect((err as MembershipInputError).field).toBe("header");
    expect((err as Error).message).toContain("Số định danh cá nhân");
    await expect(importMembers(t.db, { path: path.join(dir, "x.txt") }, { actor, today })).rejects.toMatchObject({ field: "file" });
  });

  it("rows for organizations outside the caller's subtrees are rejected", async () => {
    const other = (await t.db.query<{ code: string; path: string }>(
      `SELECT code, path FROM party_organization WHERE kind = 'subordinate_cell' AND path NOT LIKE $1 ORDER BY id LIMIT 1`,
      [`${cellA.path.split("/").slice(0, 2).join("/")}/%`],
    )).rows[0]!;
    const file = writeCsv(path.join(dir, "scope.csv"), MEMBER_COLUMNS, [memberRow(cellA.code), memberRow(other.code)]);
    const province = `/${cellA.path.split("/")[1]}/`;
    const r = await importMembers(t.db, { path: file }, { actor, today, allowedOrgPaths: [province] });
    expect(r).toMatchObject({ ok: false, rejected: [{ row: 3, column: "orgCode" }] });
  });
});
