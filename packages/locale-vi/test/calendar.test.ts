import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addWorkingDays,
  ageInYears,
  completedMonths,
  dateParts,
  dayOfWeek,
  daysBetween,
  endOfYear,
  isIsoDate,
  isWithin,
  todayInVietnam,
  dateInVietnam,
} from "../src/index.js";

describe("isIsoDate", () => {
  it("accepts only existing calendar dates yyyy-mm-dd", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2024-04-31")).toBe(false);
    expect(isIsoDate("2024-2-29")).toBe(false);
    expect(isIsoDate("2024-02-29T00:00:00Z")).toBe(false);
    expect(isIsoDate(20240229)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(() => dateParts("29/02/2024")).toThrow(RangeError);
  });
});

describe("addMonths (Civil Code: clamp to the month's last day)", () => {
  it.each([
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2023-02-28", 12, "2024-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2024-12-31", 1, "2025-01-31"],
    ["2024-12-31", 12, "2025-12-31"],
    ["2024-01-15", -13, "2022-12-15"],
    ["2024-08-31", 6, "2025-02-28"],
  ])("%s + %i months = %s", (from, n, expected) => {
    expect(addMonths(from, n)).toBe(expected);
  });
});

describe("completedMonths and ageInYears", () => {
  it("counts whole months; the anniversary day completes the month", () => {
    expect(completedMonths("2006-03-15", "2024-03-14")).toBe(215);
    expect(completedMonths("2006-03-15", "2024-03-15")).toBe(216);
    expect(completedMonths("2024-01-31", "2024-02-28")).toBe(0);
    expect(completedMonths("2024-01-31", "2024-02-29")).toBe(1);
    expect(completedMonths("2024-03-15", "2024-03-15")).toBe(0);
    expect(completedMonths("2024-03-15", "2023-03-15")).toBe(-12);
  });
  it("a 29 February birthday turns N on 28 February in common years", () => {
    expect(ageInYears("2008-02-29", "2026-02-27")).toBe(17);
    expect(ageInYears("2008-02-29", "2026-02-28")).toBe(18);
    expect(ageInYears("2004-02-29", "2022-02-28")).toBe(18);
    expect(ageInYears("2004-02-29", "2024-02-28")).toBe(19); // 2024 is leap: 20 only on 29/02
    expect(ageInYears("2004-02-29", "2024-02-29")).toBe(20);
  });
  it("31/12 birthdays and year boundaries", () => {
    expect(ageInYears("2006-12-31", "2024-12-30")).toBe(17);
    expect(ageInYears("2006-12-31", "2024-12-31")).toBe(18);
    expect(ageInYears("2007-01-01", "2024-12-31")).toBe(17);
  });
});

describe("days and working days", () => {
  it("adds days across leap days and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(dayOfWeek("1945-09-02")).toBe(0); // a Sunday
  });
  it("counts 30 working days after the day, skipping weekends and given holidays", () => {
    expect(addWorkingDays("2025-03-15", 30)).toBe("2025-04-25"); // from a Saturday
    expect(addWorkingDays("2024-12-31", 30)).toBe("2025-02-11");
    expect(addWorkingDays("2025-02-28", 30)).toBe("2025-04-11"); // from a Friday
    expect(addWorkingDays("2025-03-15", 1)).toBe("2025-03-17"); // Saturday → Monday
    expect(addWorkingDays("2025-04-29", 1, new Set(["2025-04-30", "2025-05-01"]))).toBe("2025-05-02");
    const tet2025 = new Set([...Array.from({ length: 7 }, (_, i) => `2025-01-${25 + i}`), "2025-02-01", "2025-02-02", "2025-02-03"]);
    expect(addWorkingDays("2025-01-20", 30)).toBe("2025-03-03");
    expect(addWorkingDays("2025-01-20", 30, tet2025)).toBe("2025-03-11");
    expect(addWorkingDays("2025-01-20", 0)).toBe("2025-01-20");
  });
  it("isWithin is inclusive with open bounds", () => {
    expect(isWithin("2024-12-31", "2024-01-01", endOfYear(2024))).toBe(true);
    expect(isWithin("2025-01-01", "2024-01-01", endOfYear(2024))).toBe(false);
    expect(isWithin("1930-02-03", null, null)).toBe(true);
  });
});

describe("today in Vietnam", () => {
  it("is the calendar date at UTC+7, whatever the machine's zone", () => {
    expect(dateInVietnam(new Date("2026-12-31T16:59:59Z"))).toBe("2026-12-31");
    expect(dateInVietnam(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
    expect(dateInVietnam(Date.UTC(2024, 1, 28, 18))).toBe("2024-02-29");
    expect(isIsoDate(todayInVietnam())).toBe(true);
    expect(todayInVietnam()).toBe(dateInVietnam(new Date()));
  });
});
