// The plain (zod-free) parse of a member row against the zod schema it stands in for: on random rows
// with every field pushed to and past its limits, it accepts exactly the rows the schema accepts, with
// the same output, so a row's fate and the report's wording do not depend on which one ran.
import { describe, expect, it } from "vitest";
import { parseMemberRowWithSchema, parsePlainMemberRow, validateMemberRecord } from "../../src/import/validate.js";
import type { MemberColumnKey } from "../../src/import/template.js";

type Values = Partial<Record<MemberColumnKey, string>>;

const dates = ["15/04/1990", "5/4/1990", " 03/02/2015 ", "", "  ", "1990-04-15", "31/02/1990", "29/02/2000", "29/02/1900", "01/01/1889", "01/01/1890", "15/04/2101", "15/4/90", "15/04/1990x", "00/01/2000", "01/13/2000"];
const variants: Record<MemberColumnKey, (string | undefined)[]> = {
  fullName: ["Nguyễn Văn An", "  Trần Thị Bình ", "", "   ", "A".repeat(100), "A".repeat(101), ` ${"B".repeat(100)} `, "Nguyễn Văn Ân".normalize("NFD"), "Lê-Văn O'Neil", "Lê  Văn", "1Nguyễn", "Nguyễn Văn An2", "Nguyễn\tVăn", ".Lê", "Ksor H'Mon", "Nguyễn_Văn", undefined],
  birthDate: [...dates, undefined],
  gender: ["Nam", "Nữ", "nam", "NỮ", " Nam ", "Nữ".normalize("NFD"), "male", "female", "Nu", "", "X", undefined],
  ethnicity: ["Kinh", "Tày", "", " ", "x".repeat(50), "x".repeat(51), ` ${"x".repeat(50)} `, undefined],
  nationalId: ["001090900001", "", " ", "x".repeat(20), "x".repeat(21), " 001090900002 ", undefined],
  orgCode: ["01-0001-01", "", " ", "a/b", ".abc", "x".repeat(100), "x".repeat(101), " 01-0001-02 ", "Ä1", undefined],
  status: ["Chính thức", "Dự bị", "official", "probationary", "chính thức", " DỰ BỊ ", "Đã chuyển đi", "", undefined],
  admittedOn: [...dates, undefined],
  officialOn: [...dates, undefined],
  partyCardNumber: ["", "  ", "1234", "123", "A-1.2", "z".repeat(20), "z".repeat(21), "12 34", " 99000001 ", "99_01", undefined],
  joinedOrgOn: [...dates, undefined],
  hometown: ["", "Hà Nội", "x".repeat(200), "x".repeat(201), ` ${"x".repeat(200)} `, "Xã A, Huyện B\nTỉnh C", undefined],
  occupation: ["", "Giáo viên", "x".repeat(200), "x".repeat(201), undefined],
  education: ["", "12/12", "x".repeat(100), "x".repeat(101), undefined],
};
const base: Values = {
  fullName: "Nguyễn Văn An", birthDate: "15/04/1990", gender: "Nam", ethnicity: "Kinh", nationalId: "001090900001", orgCode: "01-0001-01",
  status: "Chính thức", admittedOn: "03/02/2015", officialOn: "03/02/2016", partyCardNumber: "", joinedOrgOn: "", hometown: "", occupation: "", education: "",
};

let seed = 20261127;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

function randomRow(): Values {
  const row: Values = { ...base };
  const changes = 1 + rand(3);
  for (let i = 0; i < changes; i++) {
    const keys = Object.keys(variants) as MemberColumnKey[];
    const key = keys[rand(keys.length)]!;
    const options = variants[key];
    const value = options[rand(options.length)];
    if (value === undefined) delete row[key];
    else row[key] = value;
  }
  return row;
}

describe("parsePlainMemberRow", () => {
  it("accepts exactly what the schema accepts, with the schema's output", () => {
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 20_000; i++) {
      const row = randomRow();
      const plain = parsePlainMemberRow(row);
      const schema = parseMemberRowWithSchema(2, row);
      expect({ row, plain: plain !== null }).toEqual({ row, plain: schema.ok });
      if (plain !== null && schema.ok) {
        expect(plain).toEqual(schema.data);
        accepted++;
      } else rejected++;
    }
    // both kinds are well represented
    expect(accepted).toBeGreaterThan(3000);
    expect(rejected).toBeGreaterThan(3000);
  });

  it("leaves the wording of a rejected row to the schema: every issue of every field", () => {
    const r = validateMemberRecord(7, { ...base, fullName: "", birthDate: "31/02/1990", partyCardNumber: "12" }, "2026-07-15");
    expect(r).toEqual({
      ok: false,
      issues: [
        { row: 7, column: "fullName", reason: "bắt buộc, không được để trống / is required" },
        { row: 7, column: "fullName", reason: "chỉ gồm chữ cái và dấu cách / must contain letters and spaces only" },
        { row: 7, column: "birthDate", reason: "ngày không có thật / 31/02/1990: month 2 of 1990 has 28 days (expected dd/mm/yyyy)" },
        { row: 7, column: "partyCardNumber", reason: "gồm 4–20 chữ số hoặc chữ cái / must be 4–20 digits or letters" },
      ],
    });
  });
});
