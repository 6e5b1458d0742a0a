// Vietnam's public holidays and official days off for civil servants (ngày nghỉ lễ, Tết của cán bộ, công
// chức, viên chức), 2020–2027, as DATA: working-day deadlines (petitions, appeals) count on them.
// Law: Bộ luật Lao động 2019 Art. 112 (from 2021; 2012 Art. 115 for 2020): 1/1; Tết Âm lịch 5 days;
// Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5; Quốc khánh 2/9 plus one day before or after (2020: 2/9
// only). A holiday on a weekend gives a compensatory weekday (nghỉ bù, Art. 111.3). Where the Government
// moves a working day (hoán đổi ngày làm việc), a Saturday becomes a working day (`workingSaturdays`).
// Source per year: the annual notice of the Ministry of Labour (to 2024) / Ministry of Home Affairs
// (from 2025) on Tết and National Day for civil servants, as reported by the press; docs/inspection.md
// ("Working days") lists what was checked and what was not. `status` says how sure a year is.
import { dayOfWeek, type IsoDate } from "@orgboard/locale-vi";

export type CalendarYearStatus =
  /** the official schedule was announced and is encoded as announced */
  | "announced"
  /** partly announced: the days marked `provisional` are the statutory ones placed by assumption */
  | "partly_announced"
  /** not announced yet: statutory days only, lunar ones placed by the lunar calendar, swaps unknown */
  | "not_announced";

export interface DayOff {
  date: IsoDate;
  /** Vietnamese name of the holiday the day belongs to */
  vi: string;
  en: string;
  /** `compensatory` = nghỉ bù for a holiday on a weekend; `swapped` = hoán đổi (made up on a Saturday) */
  kind: "holiday" | "compensatory" | "swapped";
  /** true where the day is assumed, not taken from an announcement */
  provisional?: true;
}

export interface CalendarYear {
  year: number;
  status: CalendarYearStatus;
  daysOff: readonly DayOff[];
  /** Saturdays that are working days (làm bù) because a weekday was swapped off */
  workingSaturdays: readonly IsoDate[];
  note: string;
}

const NEW_YEAR = { vi: "Tết Dương lịch", en: "New Year's Day" } as const;
const TET = { vi: "Tết Âm lịch", en: "Lunar New Year (Tết)" } as const;
const HUNG_KINGS = { vi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)", en: "Hung Kings' Commemoration" } as const;
const REUNIFICATION = { vi: "Ngày Chiến thắng (30/4)", en: "Reunification Day (30 April)" } as const;
const LABOUR = { vi: "Ngày Quốc tế Lao động (1/5)", en: "International Labour Day (1 May)" } as const;
const NATIONAL = { vi: "Quốc khánh (2/9)", en: "National Day (2 September)" } as const;

type Name = { readonly vi: string; readonly en: string };
const h = (date: IsoDate, name: Name): DayOff => ({ date, ...name, kind: "holiday" });
const c = (date: IsoDate, name: Name): DayOff => ({ date, ...name, kind: "compensatory" });
const s = (date: IsoDate, name: Name): DayOff => ({ date, ...name, kind: "swapped" });
const p = (day: DayOff): DayOff => ({ ...day, provisional: true });
const tet = (...dates: IsoDate[]): DayOff[] => dates.map((d) => h(d, TET));

/** Weekdays off only: weekend days of a holiday are off anyway and are not listed. */
export const VIETNAM_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2020,
    status: "announced",
    daysOff: [
      h("2020-01-01", NEW_YEAR),
      // Canh Tý: 1/1 âm lịch = Sat 25/01; off Thu 23/01 – Wed 29/01
      ...tet("2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29"),
      h("2020-04-02", HUNG_KINGS),
      h("2020-04-30", REUNIFICATION),
      h("2020-05-01", LABOUR),
      h("2020-09-02", NATIONAL),
    ],
    workingSaturdays: [],
    note: "Labour Code 2012: National Day one day only.",
  },
  {
    year: 2021,
    status: "announced",
    daysOff: [
      h("2021-01-01", NEW_YEAR),
      // Tân Sửu: 1/1 = Fri 12/02; off Wed 10/02 – Tue 16/02
      ...tet("2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16"),
      h("2021-04-21", HUNG_KINGS),
      h("2021-04-30", REUNIFICATION),
      c("2021-05-03", LABOUR), // 1/5 was a Saturday
      h("2021-09-02", NATIONAL),
      h("2021-09-03", NATIONAL),
    ],
    workingSaturdays: [],
    note: "First year of the Labour Code 2019 (National Day two days).",
  },
  {
    year: 2022,
    status: "announced",
    daysOff: [
      c("2022-01-03", NEW_YEAR), // 1/1 was a Saturday
      // Nhâm Dần: 1/1 = Tue 01/02; off Sat 29/01 – Sun 06/02
      ...tet("2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"),
      c("2022-04-11", HUNG_KINGS), // 10/3 âm lịch was Sunday 10/04
      c("2022-05-02", REUNIFICATION), // 30/4 Saturday
      c("2022-05-03", LABOUR), // 1/5 Sunday
      h("2022-09-01", NATIONAL),
      h("2022-09-02", NATIONAL),
    ],
    workingSaturdays: [],
    note: "",
  },
  {
    year: 2023,
    status: "announced",
    daysOff: [
      c("2023-01-02", NEW_YEAR), // 1/1 was a Sunday
      // Quý Mão: 1/1 = Sun 22/01; off Fri 20/01 – Thu 26/01
      ...tet("2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26"),
      h("2023-05-01", LABOUR),
      c("2023-05-02", HUNG_KINGS), // Giỗ Tổ was Saturday 29/04
      c("2023-05-03", REUNIFICATION), // 30/4 Sunday
      h("2023-09-01", NATIONAL),
      c("2023-09-04", NATIONAL), // 2/9 Saturday
    ],
    workingSaturdays: [],
    note: "",
  },
  {
    year: 2024,
    status: "announced",
    daysOff: [
      h("2024-01-01", NEW_YEAR),
      // Giáp Thìn: 1/1 = Sat 10/02; off Thu 08/02 – Wed 14/02
      ...tet("2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"),
      h("2024-04-18", HUNG_KINGS),
      s("2024-04-29", REUNIFICATION), // made up on Saturday 04/05
      h("2024-04-30", REUNIFICATION),
      h("2024-05-01", LABOUR),
      h("2024-09-02", NATIONAL),
      h("2024-09-03", NATIONAL),
    ],
    workingSaturdays: ["2024-05-04"],
    note: "",
  },
  {
    year: 2025,
    status: "announced",
    daysOff: [
      h("2025-01-01", NEW_YEAR),
      // Ất Tỵ: 1/1 = Wed 29/01; off Sat 25/01 – Sun 02/02 (five Tết days Mon 27/01 – Fri 31/01 + weekends)
      ...tet("2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"),
      h("2025-04-07", HUNG_KINGS),
      h("2025-04-30", REUNIFICATION),
      h("2025-05-01", LABOUR),
      s("2025-05-02", LABOUR), // made up on Saturday 26/04
      h("2025-09-01", NATIONAL),
      h("2025-09-02", NATIONAL),
    ],
    workingSaturdays: ["2025-04-26"],
    note: "",
  },
  {
    year: 2026,
    status: "partly_announced",
    daysOff: [
      h("2026-01-01", NEW_YEAR),
      // Bính Ngọ: 1/1 = Tue 17/02; off Mon 16/02 – Fri 20/02 (9 days with the weekends), announced Oct 2025
      ...tet("2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"),
      c("2026-04-27", HUNG_KINGS), // 10/3 âm lịch falls on Sunday 26/04
      h("2026-04-30", REUNIFICATION),
      h("2026-05-01", LABOUR),
      p(h("2026-09-01", NATIONAL)),
      h("2026-09-02", NATIONAL),
    ],
    workingSaturdays: [],
    note:
      "Tết announced (Bộ Nội vụ, Oct 2025). National Day's second day assumed to be 1/9 (a five-day break with a " +
      "swapped day was proposed; the swap and its make-up Saturday are not encoded). New Year: 1/1 only.",
  },
  {
    year: 2027,
    status: "not_announced",
    daysOff: [
      h("2027-01-01", NEW_YEAR),
      // Đinh Mùi: 1/1 = Sat 06/02; the five days placed Thu 04/02 – Wed 10/02 by assumption
      ...tet("2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10").map(p),
      p(h("2027-04-16", HUNG_KINGS)),
      h("2027-04-30", REUNIFICATION),
      c("2027-05-03", LABOUR), // 1/5 Saturday
      h("2027-09-02", NATIONAL),
      p(h("2027-09-03", NATIONAL)),
    ],
    workingSaturdays: [],
    note: "Not announced: replace the provisional days when the Ministry of Home Affairs publishes the schedule.",
  },
];

/** First and last year with data; outside them only weekends are days off (deadlines come out early). */
export const CALENDAR_FIRST_YEAR = 2020;
export const CALENDAR_LAST_YEAR = 2027;

/** Days off and working Saturdays, the input of every working-day computation. */
export interface WorkCalendar {
  daysOff: ReadonlySet<IsoDate>;
  workingSaturdays: ReadonlySet<IsoDate>;
}

/** Builds a calendar from year data (tests build their own; the service uses VIETNAM_CALENDAR). */
export function buildCalendar(years: readonly CalendarYear[]): WorkCalendar {
  return {
    daysOff: new Set(years.flatMap((y) => y.daysOff.map((d) => d.date))),
    workingSaturdays: new Set(years.flatMap((y) => y.workingSaturdays)),
  };
}

export const VIETNAM_CALENDAR: WorkCalendar = buildCalendar(VIETNAM_CALENDAR_YEARS);

/** The year's data, or null outside 2020–2027. */
export function calendarYear(year: number): CalendarYear | null {
  return VIETNAM_CALENDAR_YEARS.find((y) => y.year === year) ?? null;
}

/**
 * Are the days off between `from` and `to` (inclusive) known rather than assumed? False when the span
 * reaches a year without data or not announced, or a provisional day of a partly announced year.
 */
export function isCalendarCertain(from: IsoDate, to: IsoDate): boolean {
  const [a, b] = from <= to ? [from, to] : [to, from];
  for (let year = Number(a.slice(0, 4)); year <= Number(b.slice(0, 4)); year++) {
    const y = calendarYear(year);
    if (!y || y.status === "not_announced") return false;
    if (y.daysOff.some((d) => d.provisional && d.date >= a && d.date <= b)) return false;
  }
  return true;
}

/** Monday–Friday not off, or a working Saturday. */
export function isWorkingDay(date: IsoDate, calendar: WorkCalendar = VIETNAM_CALENDAR): boolean {
  const dow = dayOfWeek(date);
  if (dow === 6) return calendar.workingSaturdays.has(date);
  if (dow === 0) return false;
  return !calendar.daysOff.has(date);
}
