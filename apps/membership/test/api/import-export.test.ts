// membership.import.* and membership.export.*: files through the data layer's import/export.
import { request } from "node:http";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fixture, TREE, nationalId } from "./fixtures.js";
import { as, board, expectError, expectNoWrites, expectRecorded, expectSecurity, startHarness, type Harness } from "./harness.js";

const MEMBER_HEADER = "Họ và tên,Ngày sinh,Giới tính,Dân tộc,Số định danh cá nhân,Mã chi bộ,Loại đảng viên,Ngày vào Đảng,Ngày chính thức";
const ORG_HEADER = "Mã tổ chức,Tên tổ chức,Loại tổ chức,Mã tổ chức cấp trên,Mã đơn vị hành chính,Loại hình,Ngày thành lập,Ngày giải thể";
const IMPORT_MAX = 64 * 1024;

let h: Harness;
let fx: Fixture;

beforeAll(async () => {
  h = await startHarness({ importMaxBytes: IMPORT_MAX, exportMaxRows: 5 });
  fx = new Fixture(h.db);
  await fx.tree();
});
afterAll(async () => {
  await h?.close();
});

const hanoi = () => h.client(board(TREE.p1));
/** One POST on a fresh connection; resolves with the status (the server may stop reading early). */
function postOnce(url: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent: false, headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" || err.code === "ECONNRESET" ? undefined : reject(err)));
    req.end(body);
  });
}
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const memberRow = (name: string, org = "01-C1", id = nationalId(1985, "male")) => `${name},12/03/1985,Nam,Kinh,${id},${org},Chính thức,19/05/2010,19/05/2011`;

describe("import.members", () => {
  it("imports every row in one transaction, with one audit record and one event", async () => {
    const csv = [MEMBER_HEADER, memberRow("Đặng Văn Xuân"), memberRow("Bùi Văn Ất", "01-C2")].join("\n");
    const r = await expectRecorded(h, () => hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(csv), fileName: "dang-vien.csv" }), {
      action: "membership.members.import",
      events: ["membership.members.imported"],
    });
    expect(r.result).toMatchObject({ ok: true, imported: 2, orgPath: TREE.g1 });
    const listed = await hanoi().membership.members.list.query({ orgPath: TREE.g1 });
    expect(listed.items.map((m) => m.fullName)).toEqual(["Bùi Văn Ất", "Đặng Văn Xuân"]);
  });
  it("reads XLSX as well (national IDs typed as numbers keep their leading zeros)", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Đảng viên");
    sheet.addRow(MEMBER_HEADER.split(","));
    const id = nationalId(1985, "male");
    sheet.addRow(["Phan Văn Khải", "12/03/1985", "Nam", "Kinh", Number(id), "01-C2", "Chính thức", "19/05/2010", "19/05/2011"]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await hanoi().membership.import.members.mutate({ orgPath: TREE.g1, format: "xlsx", fileBase64: file.toString("base64"), fileName: "dang-vien.xlsx" });
    expect(r).toMatchObject({ ok: true, imported: 1 });
    expect(await fx.count("member", "national_id = $1 AND org_path = $2", [id, TREE.c2])).toBe(1);
  });
  it("returns the rejected rows by row and column and imports nothing; rows outside the subtree are rejected", async () => {
    const csv = [MEMBER_HEADER, memberRow("Hồ Văn Tốt"), memberRow("Hồ Văn Sai", "01-C1", "001085"), memberRow("Hồ Văn Xa", "02-C3")].join("\n");
    const before = await fx.count("member");
    const r = await hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(csv) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejected.map((x) => [x.row, x.column])).toEqual([[3, "nationalId"], [4, "orgCode"]]);
    expect(await fx.count("member")).toBe(before);
  });
  it("limits the size, names a bad file and a bad header", async () => {
    const big = [MEMBER_HEADER, ...Array.from({ length: 900 }, (_, i) => memberRow(`Người Số ${"A".repeat(i % 5)}`))].join("\n");
    expect(Buffer.byteLength(big)).toBeGreaterThan(IMPORT_MAX);
    await expectNoWrites(h, () => hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(big) }), "BAD_REQUEST", "fileBase64");
    await expectError(hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: "not base64!" }), "BAD_REQUEST", "fileBase64");
    await expectError(hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64("Tên,Tuổi\nA,1") }), "BAD_REQUEST", "header");
    // Far beyond the body limit: refused before it is read. (Its own connection: the server closes it
    // after the 413 without reading the rest, which a pooled keep-alive client would trip over.)
    const status = await postOnce(`${h.url}/trpc/membership.import.members`, await h.token(board(TREE.p1)), JSON.stringify({ orgPath: TREE.p1, format: "csv", fileBase64: "A".repeat(2 * 1024 * 1024) }));
    expect(status).toBe(413);
  });
  it("is for boards, for a subtree of their own", async () => {
    const csv = [MEMBER_HEADER, memberRow("Lý Văn An")].join("\n");
    await expectSecurity({ h, call: (c) => c.membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(csv) }), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("import.orgs", () => {
  it("imports organizations under an existing parent", async () => {
    const csv = [ORG_HEADER, "01-C7,Chi bộ Tổ dân phố 7,Chi bộ trực thuộc,01-G1,,Phường,01/01/2026,"].join("\n");
    const r = await expectRecorded(h, () => hanoi().membership.import.orgs.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(csv) }), {
      action: "membership.organizations.import",
      events: ["membership.organizations.imported"],
    });
    expect(r.result).toMatchObject({ ok: true, imported: 1 });
    expect((await hanoi().membership.orgs.get.query({ orgPath: "/01/01-G1/01-C7/" })).kind).toBe("subordinate_cell");
  });
  it("rejects rows outside the caller's subtree and wrong kinds, naming row and column", async () => {
    const csv = [ORG_HEADER, "02-C8,Chi bộ ngoài,Chi bộ trực thuộc,02-G1,,,01/01/2026,", "01-C8,Chi bộ sai,Chi bộ trực thuộc,01-C1,,,01/01/2026,"].join("\n");
    const r = await hanoi().membership.import.orgs.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(csv) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.rejected.map((x) => [x.row, x.column])).toEqual([[2, "parentCode"], [3, "kind"]]);
    expect(await fx.count("party_organization", "code IN ('02-C8', '01-C8')")).toBe(0);
  });
  it("is for boards, for a subtree of their own", async () => {
    const csv = [ORG_HEADER, "01-C6,Chi bộ 6,Chi bộ trực thuộc,01-G1,,,01/01/2026,"].join("\n");
    await expectSecurity({ h, call: (c) => c.membership.import.orgs.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(csv) }), wrongRole: as("personnel_officer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("export.members", () => {
  it("exports a subtree in the import template, audited", async () => {
    const r = await expectRecorded(h, () => hanoi().membership.export.members.mutate({ orgPath: TREE.c1, format: "csv" }), {
      action: "membership.members.export",
      events: ["membership.export.completed"],
    });
    const text = Buffer.from(r.result.fileBase64, "base64").toString("utf8").replace(/^\uFEFF/, "");
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe(`${MEMBER_HEADER},Số thẻ đảng viên,Ngày đến chi bộ,Quê quán,Nghề nghiệp,Trình độ học vấn`);
    expect(lines).toHaveLength(r.result.rows + 1);
    expect(r.result).toMatchObject({ fileName: "members-01_01-G1_01-C1.csv", contentType: "text/csv; charset=utf-8" });
  });
  it("refuses a subtree larger than the export limit, naming orgPath", async () => {
    for (let i = 0; i < 6; i++) await fx.member(TREE.k1);
    await expectNoWrites(h, () => hanoi().membership.export.members.mutate({ orgPath: TREE.p1, format: "csv" }), "BAD_REQUEST", "orgPath");
  });
  it("is for boards, for a subtree of their own", async () => {
    await expectSecurity({ h, call: (c) => c.membership.export.members.mutate({ orgPath: TREE.c1, format: "csv" }), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("export.orgs", () => {
  it("exports the organizations of a subtree as XLSX", async () => {
    const r = await hanoi().membership.export.orgs.mutate({ orgPath: TREE.g1, format: "xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.fileBase64, "base64") as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe("01-G1");
    expect(sheet.rowCount).toBe(r.rows + 1);
  });
  it("names a bad format", async () => {
    await expectError(hanoi().membership.export.orgs.mutate({ orgPath: TREE.g1, format: "pdf" as never }), "BAD_REQUEST", "format");
  });
  it("is for boards, for a subtree of their own", async () => {
    await expectSecurity({ h, call: (c) => c.membership.export.orgs.mutate({ orgPath: TREE.g1, format: "csv" }), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
  });
});
