import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NATIONAL_ID_PROVINCE_CODES, validateNationalId } from "../src/index.js";

describe("validateNationalId", () => {
  it("accepts a well-formed ID and decodes it", () => {
    expect(validateNationalId("001085012345")).toEqual({
      ok: true,
      value: "001085012345",
      provinceCode: "001",
      provinceName: "Hà Nội",
      gender: "male",
      centuryStart: 1900,
      birthYear: 1985,
    });
    expect(validateNationalId(" 079303000123 ")).toMatchObject({ ok: true, gender: "female", birthYear: 2003, provinceName: "Hồ Chí Minh" });
  });

  it("rejects non-digits, wrong length and empty input with the reason", () => {
    expect(validateNationalId("")).toMatchObject({ ok: false, reason: "empty" });
    expect(validateNationalId("001 085 012345")).toMatchObject({ ok: false, reason: "not_digits" });
    expect(validateNationalId("00108501234a")).toMatchObject({ ok: false, reason: "not_digits" });
    expect(validateNationalId("-01085012345")).toMatchObject({ ok: false, reason: "not_digits" });
    expect(validateNationalId("０01085012345")).toMatchObject({ ok: false, reason: "not_digits" });
    expect(validateNationalId("00108501234")).toMatchObject({ ok: false, reason: "wrong_length" });
    expect(validateNationalId("0010850123456")).toMatchObject({ ok: false, reason: "wrong_length" });
    expect(validateNationalId("123456789")).toMatchObject({ ok: false, reason: "wrong_length" }); // old 9-digit CMND
  });

  it("rejects province codes that do not exist (003, 000, 097, 100)", () => {
    for (const code of ["000", "003", "005", "097", "099", "100", "901"]) {
      expect(validateNationalId(`${code}085012345`)).toMatchObject({ ok: false, reason: "unknown_province_code" });
    }
  });

  it("checks the century/gender digit against birth year and gender", () => {
    expect(validateNationalId("001085012345", { birthYear: 1985, gender: "male" }).ok).toBe(true);
    expect(validateNationalId("001185012345", { birthYear: 1985, gender: "female" }).ok).toBe(true);
    expect(validateNationalId("001200012345", { birthYear: 2000, gender: "male" }).ok).toBe(true);
    expect(validateNationalId("001399012345", { birthYear: 2099, gender: "female" }).ok).toBe(true);
    expect(validateNationalId("001085012345", { gender: "female" })).toMatchObject({ ok: false, reason: "gender_mismatch" });
    expect(validateNationalId("001285012345", { birthYear: 1985 })).toMatchObject({ ok: false, reason: "century_mismatch" });
    expect(validateNationalId("001099012345", { birthYear: 2000 })).toMatchObject({ ok: false, reason: "century_mismatch" });
    expect(validateNationalId("001086012345", { birthYear: 1985 })).toMatchObject({ ok: false, reason: "birth_year_mismatch" });
    const r = validateNationalId("001086012345", { birthYear: 1985 });
    expect(r.ok ? "" : r.message).toContain("1986");
  });

  it("has exactly the 63 pre-2025 province codes of the official list (admin-units data)", () => {
    const url = new URL("../../admin-units/data/units-2024.json", import.meta.url);
    const data = JSON.parse(readFileSync(url, "utf8")) as { units: { code: string; level: number; short_name: string }[] };
    const provinces = data.units.filter((u) => u.level === 1);
    expect(Object.keys(NATIONAL_ID_PROVINCE_CODES).sort()).toEqual(provinces.map((p) => "0" + p.code).sort());
    for (const p of provinces) expect(NATIONAL_ID_PROVINCE_CODES["0" + p.code]).toBe(p.short_name);
  });
});
