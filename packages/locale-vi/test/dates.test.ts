import { describe, expect, it } from "vitest";
import { daysInMonth, formatDateVi, isLeapYear, parseDateVi, parseIsoDate } from "../src/index.js";

describe("parseDateVi", () => {
  it("parses dd/mm/yyyy and d/m/yyyy to ISO", () => {
    expect(parseDateVi("02/09/1945")).toMatchObject({ ok: true, iso: "1945-09-02" });
    expect(parseDateVi("3/2/1930")).toMatchObject({ ok: true, iso: "1930-02-03", day: 3, month: 2, year: 1930 });
    expect(parseDateVi("  31/12/2024 ")).toMatchObject({ ok: true, iso: "2024-12-31" });
  });

  it("rejects 31/02/2024 naming the reason", () => {
    const r = parseDateVi("31/02/2024");
    expect(r).toMatchObject({ ok: false, reason: "day_not_in_month" });
    expect(r.ok ? "" : r.message).toContain("has 29 days");
  });

  it("handles leap days: 29/02 exists only in leap years (2000 yes, 1900 and 2100 no)", () => {
    expect(parseDateVi("29/02/2024")).toMatchObject({ ok: true, iso: "2024-02-29" });
    expect(parseDateVi("29/02/2000")).toMatchObject({ ok: true });
    expect(parseDateVi("29/02/2023")).toMatchObject({ ok: false, reason: "not_leap_year" });
    expect(parseDateVi("29/02/1900")).toMatchObject({ ok: false, reason: "not_leap_year" });
    expect(parseDateVi("29/02/2100")).toMatchObject({ ok: false, reason: "not_leap_year" });
    expect(parseDateVi("30/02/2024")).toMatchObject({ ok: false, reason: "day_not_in_month" });
  });

  it("rejects 31 in 30-day months and out-of-range parts", () => {
    for (const d of ["31/04/2024", "31/06/2024", "31/09/2024", "31/11/2024"]) {
      expect(parseDateVi(d)).toMatchObject({ ok: false, reason: "day_not_in_month" });
    }
    expect(parseDateVi("00/01/2024")).toMatchObject({ ok: false, reason: "day_out_of_range" });
    expect(parseDateVi("32/01/2024")).toMatchObject({ ok: false, reason: "day_out_of_range" });
    expect(parseDateVi("01/13/2024")).toMatchObject({ ok: false, reason: "month_out_of_range" });
    expect(parseDateVi("01/00/2024")).toMatchObject({ ok: false, reason: "month_out_of_range" });
    expect(parseDateVi("01/01/1899")).toMatchObject({ ok: false, reason: "year_out_of_range" });
    expect(parseDateVi("01/01/1899", { minYear: 1800 })).toMatchObject({ ok: true });
  });

  it("rejects other shapes strictly", () => {
    for (const bad of ["2024-02-01", "01-02-2024", "01.02.2024", "1/2/24", "01/02/2024 10:00", "ngày 01/02/2024", "１/２/２０２４", "01//2024", "+1/2/2024"]) {
      expect([bad, parseDateVi(bad).ok]).toEqual([bad, false]);
    }
    expect(parseDateVi("")).toMatchObject({ ok: false, reason: "empty" });
    expect(parseDateVi("1/2/2024", { requirePadding: true })).toMatchObject({ ok: false, reason: "format" });
    expect(parseDateVi("01/02/2024", { requirePadding: true })).toMatchObject({ ok: true, iso: "2024-02-01" });
  });
});

describe("parseIsoDate", () => {
  it("checks that the ISO date exists", () => {
    expect(parseIsoDate("2024-02-29")).toMatchObject({ ok: true, iso: "2024-02-29" });
    expect(parseIsoDate("2023-02-29")).toMatchObject({ ok: false, reason: "not_leap_year" });
    expect(parseIsoDate("2024-2-1")).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("formatDateVi", () => {
  it("formats ISO dates with zero padding", () => {
    expect(formatDateVi("1945-09-02")).toBe("02/09/1945");
    expect(formatDateVi("2024-12-31T23:59:59Z")).toBe("31/12/2024");
  });
  it("reads a Date in Vietnam time by default (UTC+7), so late UTC evening is the next day", () => {
    const d = new Date("2024-12-31T18:30:00Z"); // 01:30 on 1 Jan 2025 in Hà Nội
    expect(formatDateVi(d)).toBe("01/01/2025");
    expect(formatDateVi(d, { timeZone: "UTC" })).toBe("31/12/2024");
  });
  it("throws on values that are not dates (a programming error)", () => {
    expect(() => formatDateVi("2024-02-30")).toThrow(RangeError);
    expect(() => formatDateVi(new Date("nope"))).toThrow(RangeError);
  });
  it("round-trips every day of a leap year", () => {
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= daysInMonth(2024, m); d++) {
        const text = `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/2024`;
        const parsed = parseDateVi(text, { requirePadding: true });
        expect(parsed.ok && formatDateVi(parsed.iso)).toBe(text);
      }
    }
    expect(isLeapYear(2024) && !isLeapYear(2025)).toBe(true);
  });
});
