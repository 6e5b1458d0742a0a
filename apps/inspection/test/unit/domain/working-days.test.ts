import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  VIETNAM_CALENDAR,
  VIETNAM_CALENDAR_YEARS,
  addWorkingDays,
  buildCalendar,
  calendarYear,
  isCalendarCertain,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from "../../../src/domain/index.js";
import { addDays, dayOfWeek } from "@orgboard/locale-vi";

const NO_HOLIDAYS = buildCalendar([]);

describe("the holiday calendar (data)", () => {
  it("covers every year 2020–2027, in order, each with a status", () => {
    expect(VIETNAM_CALENDAR_YEARS.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect([CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR]).toEqual([2020, 2027]);
    expect(calendarYear(2019)).toBeNull();
    expect(calendarYear(2027)?.status).toBe("not_announced");
  });

  it.each(VIETNAM_CALENDAR_YEARS.map((y) => [y.year, y] as const))("%i: days off are distinct weekdays of their year; working Saturdays are Saturdays", (year, y) => {
    const dates = y.daysOff.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) {
      expect(d.startsWith(`${year}-`)).toBe(true);
      expect([0, 6]).not.toContain(dayOfWeek(d));
    }
    for (const s of y.workingSaturdays) expect(dayOfWeek(s)).toBe(6);
  });

  it.each(VIETNAM_CALENDAR_YEARS.map((y) => [y.year, y] as const))("%i: as many weekdays off as statutory holidays (+1 per swapped day)", (year, y) => {
    // Labour Code 2019 Art. 112: 11 days from 2021 (1/1, 5 Tết, Giỗ Tổ, 30/4, 1/5, 2 Quốc khánh); 2020: 10.
    // A holiday on a weekend gives a compensatory weekday, so the weekday count equals the statutory one.
    const statutory = year === 2020 ? 10 : 11;
    expect(y.daysOff.length).toBe(statutory + y.workingSaturdays.length);
    expect(y.daysOff.filter((d) => d.kind === "swapped").length).toBe(y.workingSaturdays.length);
  });

  it("has five Tết days per year", () => {
    for (const y of VIETNAM_CALENDAR_YEARS) expect(y.daysOff.filter((d) => d.en.startsWith("Lunar")).length).toBe(5);
  });

  it("knows the swaps: 29/04/2024 off, Saturday 04/05/2024 a working day; 02/05/2025 off, 26/04/2025 worked", () => {
    expect(isWorkingDay("2024-04-29")).toBe(false);
    expect(isWorkingDay("2024-05-04")).toBe(true);
    expect(isWorkingDay("2025-05-02")).toBe(false);
    expect(isWorkingDay("2025-04-26")).toBe(true);
    expect(isWorkingDay("2025-04-19")).toBe(false); // an ordinary Saturday
  });

  it("says where it is sure", () => {
    expect(isCalendarCertain("2024-01-01", "2025-12-31")).toBe(true);
    expect(isCalendarCertain("2026-01-05", "2026-06-30")).toBe(true);
    expect(isCalendarCertain("2026-08-01", "2026-09-30")).toBe(false); // 1/9/2026 assumed
    expect(isCalendarCertain("2026-12-01", "2027-01-31")).toBe(false); // 2027 not announced
    expect(isCalendarCertain("2019-12-01", "2020-01-31")).toBe(false); // no data for 2019
  });
});

describe("addWorkingDays", () => {
  it("does not count the start day and skips weekends", () => {
    expect(addWorkingDays("2024-03-01", 1)).toBe("2024-03-04"); // Fri → Mon
    expect(addWorkingDays("2024-03-02", 1)).toBe("2024-03-04"); // Sat → Mon
    expect(addWorkingDays("2024-03-04", 5)).toBe("2024-03-11"); // Mon + 5 → next Mon
    expect(addWorkingDays("2024-03-04", 0)).toBe("2024-03-04");
  });

  it("jumps over Tết 2024 (Thu 08/02 – Wed 14/02 off)", () => {
    expect(addWorkingDays("2024-02-07", 1)).toBe("2024-02-15");
    expect(addWorkingDays("2024-02-06", 2)).toBe("2024-02-15");
    // without the calendar the same deadline would be a week early
    expect(addWorkingDays("2024-02-07", 1, NO_HOLIDAYS)).toBe("2024-02-08");
  });

  it("jumps over Tết 2025 and 2026", () => {
    expect(addWorkingDays("2025-01-24", 1)).toBe("2025-02-03"); // Fri before Tết → Mon after
    expect(addWorkingDays("2026-02-13", 1)).toBe("2026-02-23");
  });

  it("crosses year ends: 31/12/2024 + 1 = 02/01/2025; 29/12/2022 + 2 = 03/01/2023 (Mon 2/1/2023 compensatory)", () => {
    expect(addWorkingDays("2024-12-31", 1)).toBe("2025-01-02");
    expect(addWorkingDays("2022-12-29", 2)).toBe("2023-01-03");
    expect(addWorkingDays("2021-12-31", 1)).toBe("2022-01-04"); // 1/1/2022 Saturday → Mon 3/1 off
  });

  it("counts a working Saturday", () => {
    expect(addWorkingDays("2024-05-03", 1)).toBe("2024-05-04");
    expect(addWorkingDays("2024-04-26", 1)).toBe("2024-05-02"); // Fri 26/4 → 27/4–1/5 off → Thu 2/5
  });

  it("30 working days from the first of a month across 30/4–1/5/2025", () => {
    expect(addWorkingDays("2025-04-01", 30)).toBe("2025-05-16");
  });

  it("refuses negative or fractional counts", () => {
    expect(() => addWorkingDays("2024-03-01", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2024-03-01", 1.5)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts (from, to]", () => {
    expect(workingDaysBetween("2024-03-04", "2024-03-04")).toBe(0);
    expect(workingDaysBetween("2024-03-01", "2024-03-04")).toBe(1);
    expect(workingDaysBetween("2024-03-04", "2024-03-01")).toBe(-1);
    expect(workingDaysBetween("2024-02-07", "2024-02-15")).toBe(1);
  });

  it("2024 has 262 weekdays, 12 of them off, and one working Saturday: 251 working days", () => {
    expect(workingDaysBetween("2023-12-31", "2024-12-31")).toBe(251);
  });
});

describe("next working day", () => {
  it("moves a deadline off a holiday", () => {
    expect(nextWorkingDay("2024-09-02")).toBe("2024-09-04");
    expect(nextWorkingDay("2024-09-04")).toBe("2024-09-04");
  });
});

const dateIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));

describe("properties", () => {
  it("workingDaysBetween(d, addWorkingDays(d, n)) = n, and the result is a working day when n > 0", () => {
    fc.assert(
      fc.property(dateIn("2019-06-01", 365 * 9), fc.integer({ min: 0, max: 200 }), (d, n) => {
        const due = addWorkingDays(d, n, VIETNAM_CALENDAR);
        expect(workingDaysBetween(d, due, VIETNAM_CALENDAR)).toBe(n);
        if (n > 0) expect(isWorkingDay(due)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("addWorkingDays(d, workingDaysBetween(d, e)) = the last working day ≤ e (e itself when it is one)", () => {
    fc.assert(
      fc.property(dateIn("2020-01-01", 365 * 8), fc.integer({ min: 0, max: 120 }), (d, span) => {
        const e = addDays(d, span);
        const back = addWorkingDays(d, workingDaysBetween(d, e));
        expect(back <= e).toBe(true);
        if (isWorkingDay(e) && e > d) expect(back).toBe(e);
        // nothing between back and e is a working day
        for (let x = addDays(back, 1); x <= e; x = addDays(x, 1)) expect(isWorkingDay(x)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("answers 0, never -0, for reversed dates with no working day between (a property run found it)", () => {
    expect(Object.is(workingDaysBetween("2020-01-11", "2020-01-10"), 0)).toBe(true);
  });
  it("is additive: between(a, c) = between(a, b) + between(b, c)", () => {
    fc.assert(
      fc.property(dateIn("2020-01-01", 365 * 8), dateIn("2020-01-01", 365 * 8), dateIn("2020-01-01", 365 * 8), (a, b, c) => {
        expect(workingDaysBetween(a, c)).toBe(workingDaysBetween(a, b) + workingDaysBetween(b, c));
      }),
      { numRuns: 200 },
    );
  });
});
