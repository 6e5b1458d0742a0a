// Member import: happy paths (CSV, XLSX), every rejection names row and column, all or nothing, one
// audit record and one outbox event per import, counters follow.
import { createReadStream, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { seedDatabase } from "../../src/seed/load.js";
import { importMembers, type ImportOptions } from "../../src/import/members.js";
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
    await expect(importMembers(t.db, { path: unknown }, { actor, today })).rejects.toThrow(/header: cột 15 "Cỡ giày" .* \/ column 15 "Cỡ giày"/);
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

  // ---- the one-pass fast path (CSV given as a file or bytes) and its hand-over to the checked path ----

  /** importMembers with the phases it went through. */
  const importWithPhases = async (file: Parameters<typeof importMembers>[1], options: Omit<ImportOptions, "onProgress"> = { actor, today }) => {
    const phases: string[] = [];
    const result = await importMembers(t.db, file, { ...options, onProgress: (p) => void (phases.at(-1) === p.phase || phases.push(p.phase)) });
    return { result, phases };
  };
  /** The report of the checked path alone (a stream cannot be read twice, so it never takes the fast path). */
  const checkedReport = async (file: string, options: Omit<ImportOptions, "onProgress"> = { actor, today }) => {
    const { result, phases } = await importWithPhases({ stream: createReadStream(file), format: "csv", name: path.basename(file) }, options);
    expect(phases).toEqual(["reading", "checking"]);
    return result;
  };

  it("a valid CSV goes in one pass (also from bytes and inside the caller's subtree); XLSX takes the checked path", async () => {
    const before = await snapshot();
    const province = `/${cellA.path.split("/")[1]}/`;
    const file = writeCsv(path.join(dir, "fast.csv"), MEMBER_COLUMNS, [memberRow(cellA.code), memberRow(cellA.code, { joinedOrgOn: "01/03/2024", partyCardNumber: "99000101" })]);
    const viaPath = await importWithPhases({ path: file }, { actor, today, allowedOrgPaths: [province] });
    expect(viaPath).toMatchObject({ result: { ok: true, imported: 2, orgPath: cellA.path }, phases: ["preparing", "reading", "writing"] });
    const bytes = readFileSync(writeCsv(path.join(dir, "fast-bytes.csv"), MEMBER_COLUMNS, [memberRow(cellB.code)]));
    const viaBytes = await importWithPhases({ bytes, format: "csv", name: "upload.csv" });
    expect(viaBytes).toMatchObject({ result: { ok: true, imported: 1, orgPath: cellB.path }, phases: ["preparing", "reading", "writing"] });
    const xlsx = await importWithPhases({ path: await writeXlsx(path.join(dir, "checked.xlsx"), MEMBER_COLUMNS, [memberRow(cellB.code)]) });
    expect(xlsx).toMatchObject({ result: { ok: true, imported: 1 }, phases: ["reading", "checking", "writing"] });
    const after = await snapshot();
    expect(after.member - before.member).toBe(4);
    expect(after.membership_period - before.membership_period).toBe(4);
    expect(after.org_year_stat - before.org_year_stat).toBe(4);
    expect([after.audit_record - before.audit_record, after.outbox_event - before.outbox_event]).toEqual([3, 3]);
    const { rows } = await t.db.query<{ started_on: string; org_path: string }>(
      `SELECT p.started_on, p.org_path FROM member m JOIN membership_period p ON p.member_id = m.id WHERE m.party_card_number = '99000101'`,
    );
    expect(rows).toEqual([{ started_on: "2024-03-01", org_path: cellA.path }]);
  });

  it("a national ID that only the database knows: the fast path hands over, same report as the checked path, nothing imported", async () => {
    const { rows: e } = await t.db.query<{ national_id: string; birth_date: string; gender: string }>(
      `SELECT national_id, to_char(birth_date, 'DD/MM/YYYY') AS birth_date, gender FROM member ORDER BY id DESC LIMIT 1`,
    );
    const existing = e[0]!;
    const rows = Array.from({ length: 2000 }, (_, i) => memberRow(i % 2 ? cellA.code : cellB.code));
    // valid on its own (birth date and gender agree with the ID): only the unique index sees it
    rows.splice(1200, 0, memberRow(cellA.code, { nationalId: existing.national_id, birthDate: existing.birth_date, gender: existing.gender === "female" ? "Nữ" : "Nam" }));
    const file = writeCsv(path.join(dir, "dup-db.csv"), MEMBER_COLUMNS, rows);
    const before = await snapshot();
    const fast = await importWithPhases({ path: file });
    expect(fast.phases.slice(0, 3)).toEqual(["preparing", "reading", "fallback"]);
    expect(fast.result).toEqual({
      ok: false,
      rows: 2001,
      rejectedCount: 1,
      rejected: [{ row: 1202, column: "nationalId", reason: `a member with national ID ${existing.national_id} already exists` }],
    });
    expect(await checkedReport(file)).toEqual(fast.result);
    expect(await snapshot()).toEqual(before);
  });

  it("a duplicate within the file caught by the unique index: same report as the checked path", async () => {
    const rows = Array.from({ length: 500 }, () => memberRow(cellA.code));
    rows.push({ ...rows[10]!, fullName: "Lê Văn Cường" });
    const file = writeCsv(path.join(dir, "dup-file.csv"), MEMBER_COLUMNS, rows);
    const before = await snapshot();
    const fast = await importWithPhases({ path: file });
    expect(fast.phases).toContain("fallback");
    expect(fast.result).toMatchObject({ ok: false, rejectedCount: 1, rejected: [{ row: 502, column: "nationalId", reason: expect.stringContaining("also appears in row 12") }] });
    expect(await checkedReport(file)).toEqual(fast.result);
    expect(await snapshot()).toEqual(before);
  });

  it("a bad row near the end of a 20,000-row file: the fast path stops there, same report as the checked path, nothing imported", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => memberRow(i % 2 ? cellA.code : cellB.code));
    // joined a cell (all founded 01/01/1960) in 1958: only the organization rule says no
    const old = { birthDate: "15/04/1930", admittedOn: "03/02/1955", officialOn: "03/02/1956", joinedOrgOn: "01/03/1958" };
    rows.splice(19_990, 0, memberRow(cellB.code, old));
    rows.splice(19_995, 0, memberRow(cellA.code, { officialOn: "31/04/2016" })); // no such date
    const file = writeCsv(path.join(dir, "late-bad.csv"), MEMBER_COLUMNS, rows);
    const before = await snapshot();
    const fast = await importWithPhases({ path: file });
    expect(fast.phases).toContain("fallback");
    expect(fast.result).toMatchObject({
      ok: false,
      rows: 20_002,
      rejectedCount: 2,
      rejected: [
        { row: 19_992, column: "joinedOrgOn", reason: `is before organization "${cellB.code}" was founded (01/01/1960)` },
        { row: 19_997, column: "officialOn", reason: expect.stringContaining("31/04/2016") },
      ],
    });
    expect(await checkedReport(file)).toEqual(fast.result);
    expect(await snapshot()).toEqual(before);
  });

  it("a CSV syntax error midway is the same input error on both paths, and nothing is imported", async () => {
    const good = writeCsv(path.join(dir, "syntax.csv"), MEMBER_COLUMNS, Array.from({ length: 100 }, () => memberRow(cellA.code)));
    const lines = readFileSync(good, "utf8").split("\n");
    lines[50] = lines[50]!.replace("Kinh", 'Ki"nh'); // a quote inside an unquoted cell
    writeFileSync(good, lines.join("\n"));
    const before = await snapshot();
    const fast = await importMembers(t.db, { path: good }, { actor, today }).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(MembershipInputError);
    expect((fast as MembershipInputError).field).toBe("file");
    expect((fast as Error).message).toMatch(/dòng 51: dấu ngoặc kép .* \/ row 51: a quote/);
    const checked = await importMembers(t.db, { stream: createReadStream(good), format: "csv" }, { actor, today }).catch((e: unknown) => e);
    expect((checked as Error).message).toBe((fast as Error).message);
    expect(await snapshot()).toEqual(before);
  });
});
