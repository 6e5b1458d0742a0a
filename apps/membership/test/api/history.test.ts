// membership.import.history (issue #10): past years of the register, over HTTP as a provincial board.
// Finding 1 (imported probationary members invisible to probation tracking; awarded badges listed as due),
// the row errors of an all-or-nothing import, and the end-to-end story: five years of a province's history
// imported, each year's report checked against the files, the years closed, then this year's work entered —
// the closed years do not move; a late entry dated in a closed year shows as an amendment.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { AnnualReportOutput } from "@orgboard/contract-membership";
import { TREE, nationalId } from "./fixtures.js";
import { as, board, expectError, expectNoWrites, expectRecorded, treeSuite, NEUTRAL_NOT_FOUND } from "./harness.js";

const suite = treeSuite();
const { hanoi } = suite;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const MEMBER_HEADER = "Họ và tên,Ngày sinh,Giới tính,Dân tộc,Số định danh cá nhân,Mã chi bộ,Loại đảng viên,Ngày vào Đảng,Ngày chính thức";
const vi = (iso: string) => iso.split("-").reverse().join("/");
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const addYear = (iso: string, n = 1) => `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`;

async function importMembers(rows: string[]) {
  const r = await hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64([MEMBER_HEADER, ...rows].join("\n")) });
  expect(r).toMatchObject({ ok: true, imported: rows.length });
}
const history = (kind: "admissions" | "recognitions" | "cards" | "badges" | "ratings" | "transfers" | "removals" | "org-ratings", header: string, rows: string[], orgPath: string = TREE.p1) =>
  hanoi().membership.import.history.mutate({ orgPath, kind, format: "csv", fileBase64: b64([header, ...rows].join("\n")), fileName: `${kind}.csv` });

const ADMISSIONS = "Số định danh cá nhân,Ngày quyết định kết nạp,Số quyết định kết nạp,Ngày lễ kết nạp";
const RECOGNITIONS = "Số định danh cá nhân,Kết quả,Ngày quyết định";
const CARDS = "Số định danh cá nhân,Số thẻ đảng viên,Ngày phát thẻ";
const BADGES = "Số định danh cá nhân,Huy hiệu (năm tuổi đảng),Ngày đề nghị,Ngày trao tặng";
const RATINGS = "Số định danh cá nhân,Năm,Xếp loại";
const REMOVALS = "Số định danh cá nhân,Hình thức,Ngày ra khỏi Đảng,Số quyết định";
const TRANSFERS = "Số định danh cá nhân,Hình thức chuyển,Mã tổ chức chuyển đi,Nơi chuyển đi (ngoài hệ thống),Mã tổ chức nơi đến,Nơi đến (ngoài hệ thống),Số giấy giới thiệu,Ngày giới thiệu đi,Ngày tiếp nhận,Ngày trở về";
const ORG_RATINGS = "Mã tổ chức,Năm,Xếp loại";
const LEVELS = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"] as const;

describe("import.history: finding 1", () => {
  it("after the admissions history, imported probationary members are tracked (admissions.overdue)", async () => {
    const ids = [nationalId(1990, "male"), nationalId(1991, "female")];
    await importMembers([`Phạm Văn Một,01/01/1990,Nam,Kinh,${ids[0]},01-C1,Dự bị,15/03/2025,`, `Phạm Thị Hai,01/01/1991,Nữ,Kinh,${ids[1]},01-C1,Dự bị,15/03/2025,`]);
    const before = await hanoi().membership.admissions.overdue.query({ orgPath: TREE.c1 });
    expect(before.items.filter((i) => i.admittedOn === "2025-03-15")).toHaveLength(0);
    const r = await expectRecorded(suite.h, () => history("admissions", ADMISSIONS, ids.map((id) => `${id},05/03/2025,12-QĐ/ĐU,15/03/2025`)), {
      action: "membership.members.import",
      events: ["membership.history.imported"],
    });
    expect(r.result).toMatchObject({ ok: true, imported: 2 });
    const after = await hanoi().membership.admissions.overdue.query({ orgPath: TREE.c1 });
    expect(after.items.filter((i) => i.admittedOn === "2025-03-15")).toHaveLength(2);
    const { rows } = await suite.h.db.query<{ decided_on: string }>(`SELECT a.decided_on FROM admission a JOIN member m ON m.id = a.member_id WHERE m.national_id = ANY($1)`, [ids]);
    expect(rows.map((x) => x.decided_on)).toEqual(["2025-03-05", "2025-03-05"]);
  });

  it("after the badges history, badges.eligible no longer lists an awarded badge", async () => {
    const id = nationalId(1960, "male");
    await importMembers([`Lê Văn Cựu,01/01/1960,Nam,Kinh,${id},01-C2,Chính thức,19/05/1990,19/05/1991`]);
    const memberId = (await suite.h.db.query<{ id: number }>(`SELECT id FROM member WHERE national_id = $1`, [id])).rows[0]!.id;
    const listed = async () => (await hanoi().membership.badges.eligible.query({ orgPath: TREE.c2, on: "2026-11-20" })).items.filter((b) => b.memberId === memberId);
    expect((await listed()).map((b) => b.years)).toEqual([30]);
    expect(await history("badges", BADGES, [`${id},30,01/04/2020,19/05/2020`])).toMatchObject({ ok: true, imported: 1 });
    expect(await listed()).toEqual([]);
  });
});

describe("import.history: all or nothing, row errors", () => {
  it("names each wrong row and column and writes nothing (CSV and XLSX)", async () => {
    const id = nationalId(1985, "male");
    await importMembers([`Ngô Văn Ba,01/01/1985,Nam,Kinh,${id},01-C1,Chính thức,10/10/2010,10/10/2011`]);
    const bad = [
      `${id},2024,Hoàn thành tốt nhiệm vụ`, // 2 ok
      `${nationalId(1970, "male")},2024,Hoàn thành nhiệm vụ`, // 3 nobody
      `${id},2024,Hoàn thành nhiệm vụ`, // 4 twice in the file
      `${id},2009,Hoàn thành nhiệm vụ`, // 5 before admission
      `${id},2023,Xuất sắc lắm`, // 6 unknown level
      `${id},2027,Hoàn thành nhiệm vụ`, // 7 this year or later
    ];
    const before = await suite.fx.count("quality_rating");
    const r = await history("ratings", RATINGS, bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejected.map((i) => `${i.row}:${i.column}`)).toEqual(["3:nationalId", "4:year", "5:year", "6:level", "7:year"]);
    expect(await suite.fx.count("quality_rating")).toBe(before);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Kết nạp");
    sheet.addRow(ADMISSIONS.split(","));
    sheet.addRow([id, "01/10/2010", "", "11/10/2010"]); // the register says 10/10/2010
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const x = await hanoi().membership.import.history.mutate({ orgPath: TREE.p1, kind: "admissions", format: "xlsx", fileBase64: xlsx });
    expect(x).toMatchObject({ ok: false, rejected: [{ row: 2, column: "admittedOn" }] });
  });

  it("answers members outside the caller's scope as absent, and is for the boards", async () => {
    const id = nationalId(1980, "female");
    await suite.fx.member(TREE.c3, { fullName: "Giàng Thị Mỷ", birthDate: "1980-02-02", gender: "female" });
    const r = await history("ratings", RATINGS, [`${id},2024,Hoàn thành nhiệm vụ`]);
    expect(r).toMatchObject({ ok: false, rejected: [{ row: 2, column: "nationalId", reason: expect.stringMatching(/^không có đảng viên số định danh \d{12} trong phạm vi của bạn: .* \/ no member with national ID/) }] });
    await expectError(suite.h.client(as("viewer", TREE.p1)).membership.import.history.mutate({ orgPath: TREE.p1, kind: "ratings", format: "csv", fileBase64: b64(RATINGS) }), "FORBIDDEN");
    // Another province's board: the answer of an organization that does not exist (#9 finding 5).
    const foreign = await expectError(suite.h.client(board(TREE.p2)).membership.import.history.mutate({ orgPath: TREE.p1, kind: "ratings", format: "csv", fileBase64: b64(RATINGS) }), "NOT_FOUND");
    expect(foreign.message).toMatch(NEUTRAL_NOT_FOUND);
    await expectNoWrites(suite.h, () => hanoi().membership.import.history.mutate({ orgPath: TREE.p1, kind: "deaths" as "ratings", format: "csv", fileBase64: b64(RATINGS) }), "BAD_REQUEST", "kind");
  });
});

describe("five years of a province's history, closed, then this year's work", () => {
  it("reproduces each year's report from the files; closed years do not move", async () => {
    const YEARS = [2021, 2022, 2023, 2024, 2025];
    // What the other tests of this file left in the province: the files' figures come on top of it.
    const base = new Map<number, AnnualReportOutput>();
    for (const y of YEARS) base.set(y, await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: y }));
    const cells = ["01-C1", "01-C2", "01-K1"];
    interface Person { id: string; born: number; female: boolean; admittedOn: string; cell: string }
    const people: Person[] = [];
    YEARS.forEach((y, yi) => {
      for (let k = 0; k < 3 + yi; k++) {
        const born = 1990 + k;
        people.push({ id: nationalId(born, k % 2 ? "female" : "male"), born, female: k % 2 === 1, admittedOn: `${y}-0${3 + (k % 6)}-1${k % 9}`, cell: cells[k % 3]! });
      }
    });
    const veterans: Person[] = [1994, 1995, 1996].map((y, k) => ({ id: nationalId(1965 + k, "male"), born: 1965 + k, female: false, admittedOn: `${y}-06-0${k + 1}`, cell: cells[k]! }));
    // The register today: 2021–2024 admissions official, 2025 ones still probationary.
    await importMembers(
      [...people, ...veterans].map((p, i) => {
        const official = p.admittedOn < "2025";
        return `Trần Văn Người ${String.fromCharCode(65 + (i % 26))},01/01/${p.born},${p.female ? "Nữ" : "Nam"},Kinh,${p.id},${p.cell},${official ? "Chính thức" : "Dự bị"},${vi(p.admittedOn)},${official ? vi(addYear(p.admittedOn)) : ""}`;
      }),
    );

    // The history files.
    const recognized = people.filter((p) => p.admittedOn < "2025");
    const cards = recognized.map((p, i) => ({ p, number: `HN${String(900000 + i)}`, issuedOn: addDays(addYear(p.admittedOn), 40) }));
    const badges = veterans.map((v, i) => ({ v, proposedOn: `${2024 + (i % 2)}-0${4 + i}-01`, awardedOn: i === 2 ? null : `${2024 + (i % 2)}-0${5 + i}-19` }));
    const ratings: { id: string; year: number; level: number }[] = [];
    for (const [i, p] of [...people, ...veterans].entries()) {
      for (const y of YEARS) if (y > Number(p.admittedOn.slice(0, 4))) ratings.push({ id: p.id, year: y, level: (i + y) % 4 });
    }
    const ok = (r: unknown) => expect(r).toMatchObject({ ok: true });
    ok(await history("admissions", ADMISSIONS, people.map((p) => `${p.id},${vi(addDays(p.admittedOn, -10))},${p.id.slice(-3)}-QĐ/ĐU,${vi(p.admittedOn)}`)));
    ok(await history("recognitions", RECOGNITIONS, recognized.map((p) => `${p.id},Công nhận chính thức,${vi(addDays(addYear(p.admittedOn), 7))}`)));
    ok(await history("cards", CARDS, cards.map((c) => `${c.p.id},${c.number},${vi(c.issuedOn)}`)));
    ok(await history("badges", BADGES, badges.map((b) => `${b.v.id},30,${vi(b.proposedOn)},${b.awardedOn ? vi(b.awardedOn) : ""}`)));
    ok(await history("ratings", RATINGS, ratings.map((r) => `${r.id},${r.year},${LEVELS[r.level]}`)));

    // Each year's report reproduces the files (computed here from the rows written above, independently).
    const inYear = (d: string | null, y: number) => d !== null && d.startsWith(`${y}-`);
    const reports = new Map<number, AnnualReportOutput>();
    for (const y of YEARS) {
      const r = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: y });
      reports.set(y, r);
      const b = base.get(y)!;
      const bl = [b.ratings.members.excellent, b.ratings.members.good, b.ratings.members.completed, b.ratings.members.notCompleted];
      const levels = [0, 1, 2, 3].map((l) => bl[l]! + ratings.filter((x) => x.year === y && x.level === l).length);
      expect({
        admissions: r.admissions.count,
        madeOfficial: r.madeOfficial,
        cards: r.cardsIssued,
        badges: r.badges,
        ratings: [r.ratings.members.excellent, r.ratings.members.good, r.ratings.members.completed, r.ratings.members.notCompleted],
      }, String(y)).toEqual({
        admissions: b.admissions.count + people.filter((p) => inYear(p.admittedOn, y)).length,
        madeOfficial: b.madeOfficial + recognized.filter((p) => inYear(addDays(addYear(p.admittedOn), 7), y)).length,
        cards: b.cardsIssued + cards.filter((c) => inYear(c.issuedOn, y)).length,
        badges: { proposed: b.badges.proposed + badges.filter((x) => inYear(x.proposedOn, y)).length, awarded: b.badges.awarded + badges.filter((x) => inYear(x.awardedOn, y)).length },
        ratings: levels,
      });
    }
    expect(reports.get(2023)!.admissions.count - base.get(2023)!.admissions.count).toBe(5);

    // The board closes the five years.
    for (const y of YEARS) await hanoi().membership.kpi.closeYear.mutate({ orgPath: TREE.p1, year: y });

    // This year's work: the 2025 admissions are recognized (2026), a 2026 rating is self-assessed.
    const { rows: pending } = await suite.h.db.query<{ id: number }>(`SELECT id FROM member WHERE national_id = ANY($1) ORDER BY id`, [people.filter((p) => p.admittedOn >= "2025").map((p) => p.id)]);
    for (const { id } of pending) {
      await hanoi().membership.admissions.recognize.mutate({ memberId: id, outcome: "recognized", decidedOn: "2026-11-02", newMemberCourseCompletedOn: "2025-09-01", cellVote: { inFavor: 4, officialMembers: 5 } });
    }
    const now = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2026 });
    expect(now.madeOfficial).toBe(pending.length);

    const strip = ({ closed: _c, amendments: _a, ...figures }: AnnualReportOutput) => figures;
    for (const y of YEARS) {
      const r = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: y });
      expect(strip(r), String(y)).toEqual(strip(reports.get(y)!));
      expect(r.amendments, String(y)).toEqual([]);
    }

    // A rating of 2024 found late and imported now: an amendment of the closed 2024, beside the published figure.
    const late = nationalId(1999, "male");
    await importMembers([`Vũ Văn Muộn,01/01/1999,Nam,Kinh,${late},01-C1,Chính thức,02/02/2020,02/02/2021`]);
    ok(await history("ratings", RATINGS, [`${late},2024,${LEVELS[0]}`]));
    const r2024 = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2024 });
    expect(strip(r2024)).toEqual(strip(reports.get(2024)!));
    const published = reports.get(2024)!.ratings.members;
    expect(r2024.amendments).toContainEqual({ figure: "ratings.members.excellent", published: published.excellent, amended: published.excellent + 1 });
    expect(r2024.amendments).toContainEqual({ figure: "ratings.members.total", published: published.total, amended: published.total + 1 });
  });
});

describe("import.history: removals and organizations' ratings (2.5)", () => {
  const memberOf = async (id: string) =>
    (await suite.h.db.query<{ id: number; status: string; left_on: string | null }>(`SELECT id, status, left_on::text AS left_on FROM member WHERE national_id = $1`, [id])).rows[0]!;
  const periodsOf = async (memberId: number) =>
    (await suite.h.db.query<{ started_on: string; ended_on: string | null; end_reason: string | null }>(
      `SELECT started_on::text AS started_on, ended_on::text AS ended_on, end_reason FROM membership_period WHERE member_id = $1 ORDER BY started_on`,
      [memberId],
    )).rows;

  it("a past removal ends the member's open period and status, as removals.remove does; one audit record, one event", async () => {
    const ids = [nationalId(1970, "male"), nationalId(1971, "female")];
    await importMembers([`Đỗ Văn Xóa,01/01/1970,Nam,Kinh,${ids[0]},01-C1,Chính thức,01/02/2000,01/02/2001`, `Đỗ Thị Khai,01/01/1971,Nữ,Kinh,${ids[1]},01-C2,Chính thức,01/02/2001,01/02/2002`]);
    const r = await expectRecorded(suite.h, () => history("removals", REMOVALS, [`${ids[0]},Xóa tên,15/06/2018,7-QĐ/ĐU`, `${ids[1]},expelled,20/09/2018,`]), {
      action: "membership.members.import",
      events: ["membership.history.imported"],
    });
    expect(r.result).toMatchObject({ ok: true, imported: 2 });
    const a = await memberOf(ids[0]!);
    expect(a).toMatchObject({ status: "removed", left_on: "2018-06-15" });
    expect(await periodsOf(a.id)).toEqual([{ started_on: "2000-02-01", ended_on: "2018-06-15", end_reason: "removal" }]);
    const { rows } = await suite.h.db.query(`SELECT kind, removed_on::text AS removed_on, decision_number FROM removal WHERE member_id = ANY($1::int[]) ORDER BY removed_on`, [[a.id, (await memberOf(ids[1]!)).id]]);
    expect(rows).toEqual([{ kind: "struck_off", removed_on: "2018-06-15", decision_number: "7-QĐ/ĐU" }, { kind: "expelled", removed_on: "2018-09-20", decision_number: null }]);
    // The member's history (the service's own view) shows the removal.
    const h = await hanoi().membership.members.history.query({ id: a.id });
    expect(JSON.stringify(h)).toContain("struck_off");
  });

  it("removal rows: Vietnamese first, each row and column named, nothing written", async () => {
    const id = nationalId(1972, "male");
    const gone = nationalId(1973, "male");
    await importMembers([`Lý Văn Còn,01/01/1972,Nam,Kinh,${id},01-C1,Chính thức,01/02/2005,01/02/2006`, `Lý Văn Đi,01/01/1973,Nam,Kinh,${gone},01-C1,Chính thức,01/02/2005,01/02/2006`]);
    expect(await history("removals", REMOVALS, [`${gone},Khai trừ,01/03/2015,`])).toMatchObject({ ok: true });
    const before = await suite.fx.count("removal");
    const r = await history("removals", REMOVALS, [
      `${id},Đuổi,01/03/2015,`, // 2 unknown kind
      `${id},Khai trừ,01/03/2004,`, // 3 before the member's period began
      `${gone},Khai trừ,01/03/2016,`, // 4 already removed
      `${id},Khai trừ,01/03/2099,`, // 5 future
      `${id},Khai trừ,,`, // 6 no date
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejected.map((i) => `${i.row}:${i.column}`)).toEqual(["2:kind", "3:removedOn", "4:nationalId", "5:removedOn", "6:removedOn"]);
    expect(r.rejected[3]!.reason).toBe("là ngày trong tương lai / is in the future");
    expect(r.rejected[4]!.reason).toBe("bắt buộc, không được để trống / is required");
    expect(r.rejected[0]!.reason).toMatch(/^"Đuổi" không phải hình thức ra khỏi Đảng .* \/ "Đuổi" is not a kind of removal/);
    expect(r.rejected[1]!.reason).toMatch(/^trước ngày đảng viên bắt đầu sinh hoạt/);
    expect(await suite.fx.count("removal")).toBe(before);
    expect((await memberOf(id)).status).toBe("official");
  });

  it("organizations' past ratings, approved and locked; codes outside the caller's scope answered as absent", async () => {
    const r = await expectRecorded(suite.h, () => history("org-ratings", ORG_RATINGS, ["01-C1,2018,Hoàn thành tốt nhiệm vụ", "01-k1,2018,excellent"]), {
      action: "membership.members.import",
      events: ["membership.history.imported"],
    });
    expect(r.result).toMatchObject({ ok: true, imported: 2 });
    const list = await hanoi().membership.ratings.list.query({ orgPath: TREE.p1, year: 2018, subjectKind: "organization" });
    expect(list.items.map((i) => [i.orgPath, i.level, i.stage]).sort()).toEqual([[TREE.c1, "good", "approved"], [TREE.k1, "excellent", "approved"]]);

    const before = await suite.fx.count("quality_rating");
    const bad = await history("org-ratings", ORG_RATINGS, [
      "02-C3,2018,Hoàn thành nhiệm vụ", // 2 another province: as absent as a code that does not exist
      "01-C9,2018,Hoàn thành nhiệm vụ", // 3 no such code
      "01-C1,2018,Hoàn thành nhiệm vụ", // 4 already rated
      "01-C2,1985,Hoàn thành nhiệm vụ", // 5 before the organization was founded (1990)
    ]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.rejected.map((i) => `${i.row}:${i.column}`)).toEqual(["2:orgCode", "3:orgCode", "4:year", "5:year"]);
    expect(bad.rejected[0]!.reason.replaceAll("02-C3", "X")).toBe(bad.rejected[1]!.reason.replaceAll("01-C9", "X"));
    expect(bad.rejected[0]!.reason).toMatch(/^không có tổ chức đảng mã 02-C3 trong phạm vi của bạn \/ /);
    expect(await suite.fx.count("quality_rating")).toBe(before);
  });

  it("a removal and an organization's rating of a closed year are amendments: the published figures stay", async () => {
    const id = nationalId(1975, "male");
    await importMembers([`Hà Văn Muộn,01/01/1975,Nam,Kinh,${id},01-C2,Chính thức,01/02/2010,01/02/2011`]);
    const published = await hanoi().membership.kpi.closeYear.mutate({ orgPath: TREE.p1, year: 2019 }).then(() => hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2019 }));
    expect(published.amendments).toEqual([]);
    expect(await history("removals", REMOVALS, [`${id},Cho ra khỏi Đảng,10/10/2019,`])).toMatchObject({ ok: true });
    expect(await history("org-ratings", ORG_RATINGS, ["01-C2,2019,Không hoàn thành nhiệm vụ"])).toMatchObject({ ok: true });
    const after = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2019 });
    const strip = ({ closed: _c, amendments: _a, ...figures }: AnnualReportOutput) => figures;
    expect(strip(after)).toEqual(strip(published));
    expect(after.amendments).toContainEqual({ figure: "removals.allowedToLeave", published: published.removals.allowedToLeave, amended: published.removals.allowedToLeave + 1 });
    expect(after.amendments).toContainEqual({ figure: "ratings.organizations.notCompleted", published: published.ratings.organizations.notCompleted, amended: published.ratings.organizations.notCompleted + 1 });
  });
});

describe("import.history: transfers (2.5)", () => {
  const member = async (id: string) =>
    (await suite.h.db.query<{ id: number; status: string; left_on: string | null; org_path: string }>(`SELECT id, status, left_on::text AS left_on, org_path FROM member WHERE national_id = $1`, [id])).rows[0]!;
  const periods = async (memberId: number) =>
    (await suite.h.db.query<{ org_path: string; started_on: string; ended_on: string | null; start_reason: string; end_reason: string | null }>(
      `SELECT org_path, started_on::text AS started_on, ended_on::text AS ended_on, start_reason, end_reason FROM membership_period WHERE member_id = $1 ORDER BY started_on`,
      [memberId],
    )).rows;
  const transfersOf = async (memberId: number) =>
    (await suite.h.db.query(
      `SELECT kind, status, from_org_path, to_org_path, from_description, to_description, letter_number, issued_on::text AS issued_on, received_on::text AS received_on, returned_on::text AS returned_on
         FROM transfer WHERE member_id = $1 ORDER BY received_on`,
      [memberId],
    )).rows;

  it("moves between organizations rebuild the member's periods; arrivals and departures keep where from / where to; one audit record, one event", async () => {
    const [mover, arrival, leaver] = [nationalId(1976, "male"), nationalId(1977, "female"), nationalId(1978, "male")];
    await importMembers([
      `Tạ Văn Chuyển,01/01/1976,Nam,Kinh,${mover},01-C2,Chính thức,01/02/2005,01/02/2006`,
      `Tạ Thị Đến,01/01/1977,Nữ,Kinh,${arrival},01-C1,Chính thức,01/02/2000,01/02/2001`,
      `Tạ Văn Rời,01/01/1978,Nam,Kinh,${leaver},01-K1,Chính thức,01/02/2001,01/02/2002`,
    ]);
    const r = await expectRecorded(
      suite.h,
      () =>
        history("transfers", TRANSFERS, [
          `${mover},Chính thức,01-K1,,01-C2,,,01/05/2015,05/05/2015,`, // listed out of order: the dates order them
          `${mover},Chính thức,01-C1,,01-K1,,12/GGT,01/03/2010,10/03/2010,`,
          `${mover},Tạm thời,01-C2,,,Đảng bộ Đại học Quốc gia TP. Hồ Chí Minh,,01/09/2016,05/09/2016,30/06/2017`,
          `${arrival},Chính thức,,Đảng bộ tỉnh Lào Cai,01-C1,,45-GGT/TU,,01/06/2012,`,
          `${leaver},official,01-K1,,,Đảng bộ Quân đội,,20/06/2019,01/07/2019,`,
        ]),
      { action: "membership.members.import", events: ["membership.history.imported"] },
    );
    expect(r.result).toMatchObject({ ok: true, imported: 5 });

    const m = await member(mover);
    expect(m).toMatchObject({ status: "official", org_path: TREE.c2 });
    expect(await periods(m.id)).toEqual([
      { org_path: TREE.c1, started_on: "2005-02-01", ended_on: "2010-03-10", start_reason: "import", end_reason: "transfer_out" },
      { org_path: TREE.k1, started_on: "2010-03-10", ended_on: "2015-05-05", start_reason: "transfer_in", end_reason: "transfer_out" },
      { org_path: TREE.c2, started_on: "2015-05-05", ended_on: null, start_reason: "transfer_in", end_reason: null },
    ]);
    expect(await transfersOf(m.id)).toMatchObject([
      { kind: "official", status: "received", from_org_path: TREE.c1, to_org_path: TREE.k1, letter_number: "12/GGT", issued_on: "2010-03-01", received_on: "2010-03-10" },
      { kind: "official", status: "received", from_org_path: TREE.k1, to_org_path: TREE.c2, issued_on: "2015-05-01" },
      { kind: "temporary", status: "returned", from_org_path: TREE.c2, to_org_path: null, to_description: "Đảng bộ Đại học Quốc gia TP. Hồ Chí Minh", returned_on: "2017-06-30" },
    ]);
    // The service's own view of the member's history agrees.
    const h = await hanoi().membership.members.history.query({ id: m.id });
    expect(h.periods.map((x) => x.orgPath)).toEqual([TREE.c1, TREE.k1, TREE.c2]);

    const a = await member(arrival);
    expect(await periods(a.id)).toEqual([{ org_path: TREE.c1, started_on: "2012-06-01", ended_on: null, start_reason: "transfer_in", end_reason: null }]);
    expect(await transfersOf(a.id)).toMatchObject([{ from_org_path: null, from_description: "Đảng bộ tỉnh Lào Cai", letter_number: "45-GGT/TU", issued_on: "2012-06-01" }]);

    const l = await member(leaver);
    expect(l).toMatchObject({ status: "transferred_out", left_on: "2019-07-01" });
    expect(await periods(l.id)).toEqual([{ org_path: TREE.k1, started_on: "2001-02-01", ended_on: "2019-07-01", start_reason: "import", end_reason: "transfer_out" }]);
    // The report of the year counts the departure out of the cell, as one completed in the system.
    expect((await hanoi().membership.kpi.report.query({ orgPath: TREE.k1, year: 2019 })).transfers.officialOut).toBe(1);
  });

  it("row errors: a broken chain, the present organization, codes outside the scope, nothing written", async () => {
    const [x, y] = [nationalId(1979, "male"), nationalId(1981, "female")];
    await importMembers([`Mạc Văn Sai,01/01/1979,Nam,Kinh,${x},01-C2,Chính thức,01/02/2005,01/02/2006`, `Mạc Thị Lạc,01/01/1981,Nữ,Kinh,${y},01-C1,Chính thức,01/02/2006,01/02/2007`]);
    const before = [await suite.fx.count("transfer"), await suite.fx.count("membership_period")];
    const r = await history("transfers", TRANSFERS, [
      `${x},Chính thức,01-C1,,01-K1,,,01/03/2010,10/03/2010,`, // 2 ok alone
      `${x},Chính thức,01-C1,,01-C2,,,01/05/2015,05/05/2015,`, // 3 the member was in 01-K1 then
      `${y},Chính thức,01-C2,,01-K1,,,01/05/2015,05/05/2015,`, // 4 ends in 01-K1, the register says 01-C1
      `${y},Tạm thời,01-C1,,02-C3,,,01/05/2016,05/05/2016,`, // 5 another province: absent, as a code that does not exist
      `${y},Chính thức,,,,,,,05/05/2017,`, // 6 neither end in the system
      `${y},Chính thức,01-C1,,01-K1,,,01/05/2018,05/05/2018,01/01/2019`, // 7 an official transfer has no return
      `${y},Di chuyển,01-C1,,01-K1,,,01/05/2018,05/05/2018,`, // 8 unknown kind
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejected.map((i) => `${i.row}:${i.column}`)).toEqual(["3:fromCode", "5:toCode", "6:fromCode", "7:returnedOn", "8:kind"]);
    expect(r.rejected[0]!.reason).toMatch(/^khi đó đảng viên sinh hoạt ở 01-K1 \(dòng 2\) \/ the member was in 01-K1 then \(row 2\)$/);
    expect(r.rejected[1]!.reason).toMatch(/^không có tổ chức đảng mã 02-C3 trong phạm vi của bạn/);
    expect([await suite.fx.count("transfer"), await suite.fx.count("membership_period")]).toEqual(before);
    // Still away on a temporary transfer, then moved for good: the temporary one must have ended.
    const z = nationalId(1983, "male");
    await importMembers([`Mạc Văn Xa,01/01/1983,Nam,Kinh,${z},01-K1,Chính thức,01/02/2006,01/02/2007`]);
    expect(await history("transfers", TRANSFERS, [`${z},Tạm thời,01-C1,,,Nơi khác,,01/03/2010,10/03/2010,`, `${z},Chính thức,01-C1,,01-K1,,,01/05/2012,05/05/2012,`])).toMatchObject({
      ok: false,
      rejected: [{ row: 2, column: "returnedOn" }],
    });
    // Row 4's error shows once the rows before it are right.
    const r2 = await history("transfers", TRANSFERS, [`${y},Chính thức,01-C2,,01-K1,,,01/05/2015,05/05/2015,`]);
    expect(r2).toMatchObject({ ok: false, rejected: [{ row: 2, column: "toCode", reason: expect.stringMatching(/^tổ chức hiện tại của đảng viên trong danh sách là \/01\/01-G1\/01-C1\//) }] });
    // A member whose transfers are recorded: all of a member's past transfers come in one file.
    expect(await history("transfers", TRANSFERS, [`${x},Chính thức,01-C1,,01-C2,,,01/03/2010,10/03/2010,`])).toMatchObject({ ok: true });
    expect(await history("transfers", TRANSFERS, [`${x},Tạm thời,01-C2,,,Nơi khác,,01/03/2012,10/03/2012,`])).toMatchObject({ ok: false, rejected: [{ row: 2, column: "nationalId" }] });
  });

  it("the register's date of joining the present cell, when given, is the last arrival", async () => {
    const id = nationalId(1984, "female");
    const header = `${MEMBER_HEADER},Ngày đến chi bộ`;
    const r0 = await hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64([header, `Lâm Thị Đến,01/01/1984,Nữ,Kinh,${id},01-C1,Chính thức,01/02/2008,01/02/2009,15/04/2014`].join("\n")) });
    expect(r0).toMatchObject({ ok: true });
    expect(await history("transfers", TRANSFERS, [`${id},Chính thức,01-K1,,01-C1,,,01/04/2014,10/04/2014,`])).toMatchObject({
      ok: false,
      rejected: [{ row: 2, column: "receivedOn", reason: expect.stringMatching(/^khác ngày đảng viên bắt đầu sinh hoạt ở tổ chức hiện tại trong danh sách \(2014-04-15\)/) }],
    });
    expect(await history("transfers", TRANSFERS, [`${id},Chính thức,01-K1,,01-C1,,,01/04/2014,15/04/2014,`])).toMatchObject({ ok: true });
    const m = await member(id);
    expect(await periods(m.id)).toEqual([
      { org_path: TREE.k1, started_on: "2008-02-01", ended_on: "2014-04-15", start_reason: "import", end_reason: "transfer_out" },
      { org_path: TREE.c1, started_on: "2014-04-15", ended_on: null, start_reason: "transfer_in", end_reason: null },
    ]);
  });

  it("a departure dated in a closed year is an amendment: the published figures stay", async () => {
    const id = nationalId(1982, "male");
    await importMembers([`Kha Văn Đi,01/01/1982,Nam,Kinh,${id},01-K1,Chính thức,01/02/2008,01/02/2009`]);
    await hanoi().membership.kpi.closeYear.mutate({ orgPath: TREE.p1, year: 2017 });
    const published = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2017 });
    expect(await history("transfers", TRANSFERS, [`${id},Chính thức,01-K1,,,Đảng bộ tỉnh Yên Bái,,01/08/2017,15/08/2017,`])).toMatchObject({ ok: true });
    const after = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2017 });
    const strip = ({ closed: _c, amendments: _a, ...figures }: AnnualReportOutput) => figures;
    expect(strip(after)).toEqual(strip(published));
    expect(after.amendments).toContainEqual({ figure: "transfers.officialOut", published: published.transfers.officialOut, amended: published.transfers.officialOut + 1 });
  });
});
