import { describe, expect, it } from "vitest";
import {
  badgeDueAt,
  badgeSchedule,
  badgesDueInYear,
  checkBadgeAward,
  maxEarlyMonths,
  nextBadgeOccasion,
  partyAge,
  partyAgeReachedOn,
  type PartyAgeFacts,
  type Result,
} from "../../src/domain/index.js";

const codes = (r: Result<unknown>) => (r.ok ? [] : r.violations.map((v) => `${v.field}:${v.code}`));
const facts = (admissionDecisionOn: string, more: Partial<PartyAgeFacts> = {}): PartyAgeFacts => ({
  admissionDecisionOn,
  officialOn: more.officialOn === undefined ? `${Number(admissionDecisionOn.slice(0, 4)) + 1}${admissionDecisionOn.slice(4, 8)}28` : more.officialOn,
  ...more,
});

describe("partyAge", () => {
  it("counts whole years and months from the admission decision", () => {
    const f = facts("1994-05-19");
    expect(partyAge(f, "2024-05-18")).toEqual({ ok: true, value: { countsFrom: "1994-05-19", interruptedDays: 0, years: 29, months: 11, totalMonths: 359 } });
    expect(partyAge(f, "2024-05-19")).toMatchObject({ ok: true, value: { years: 30, months: 0 } });
  });

  it("has no party age before being recognized as official", () => {
    expect(codes(partyAge(facts("2024-03-01", { officialOn: null }), "2025-01-01"))).toEqual(["officialOn:not_official"]);
    expect(codes(partyAge(facts("2024-03-01", { officialOn: "2025-03-01" }), "2025-02-28"))).toEqual(["officialOn:not_official"]);
    expect(partyAge(facts("2024-03-01", { officialOn: "2025-03-01" }), "2025-03-01")).toMatchObject({ ok: true, value: { years: 1, countsFrom: "2024-03-01" } });
  });

  it("deducts interruptions: one year off delays 30 years by that year (1/10/1989 → 2/10/2020)", () => {
    const f = facts("1989-10-01", { interruptions: [{ from: "2000-01-01", to: "2001-01-01" }] });
    expect(partyAge(f, "2020-10-01")).toMatchObject({ ok: true, value: { interruptedDays: 366, years: 29, months: 11 } });
    expect(partyAge(f, "2020-10-02")).toMatchObject({ ok: true, value: { years: 30, months: 0 } });
    expect(partyAgeReachedOn(f, 30)).toBe("2020-10-02");
    // on a date inside the interruption only the part before that date is deducted
    expect(partyAge(f, "2000-07-01")).toMatchObject({ ok: true, value: { interruptedDays: 182 } });
  });

  it("an open interruption (lost contact) keeps deducting until the date", () => {
    const f = facts("1990-01-01", { interruptions: [{ from: "2015-01-01", to: null }] });
    expect(partyAge(f, "2016-01-01")).toMatchObject({ ok: true, value: { interruptedDays: 365, years: 25 } });
    expect(partyAgeReachedOn(f, 30)).toBeNull();
    expect(badgeSchedule(f).map((b) => b.years)).toEqual([]);
  });

  it("a readmitted member counts from the first admission minus the time out", () => {
    const f: PartyAgeFacts = {
      firstAdmissionDecisionOn: "1980-03-01",
      admissionDecisionOn: "1995-03-01",
      officialOn: "1996-03-01",
      interruptions: [{ from: "1990-03-01", to: "1995-03-01" }],
    };
    expect(partyAge(f, "2015-03-01")).toMatchObject({ ok: true, value: { countsFrom: "1980-03-01", interruptedDays: 1826, years: 30, months: 0 } });
    expect(partyAge(f, "2015-02-28")).toMatchObject({ ok: true, value: { years: 29 } });
    expect(partyAgeReachedOn(f, 30)).toBe("2015-03-01");
  });

  it("validates the facts by field", () => {
    expect(codes(partyAge(facts("1990-01-01", { interruptions: [{ from: "1989-01-01", to: "1989-06-01" }] }), "2020-01-01"))).toEqual([
      "interruptions:before_admission",
    ]);
    expect(
      codes(
        partyAge(
          facts("1990-01-01", {
            interruptions: [
              { from: "2000-01-01", to: "2001-01-01" },
              { from: "2000-06-01", to: "2000-07-01" },
            ],
          }),
          "2020-01-01",
        ),
      ),
    ).toEqual(["interruptions:overlapping"]);
    expect(codes(partyAge(facts("1990-01-01", { interruptions: [{ from: "2001-01-01", to: "2000-01-01" }] }), "2020-01-01"))).toEqual([
      "interruptions.0.to:ends_before_start",
    ]);
    expect(codes(partyAge(facts("1990-13-01", { officialOn: "1991-01-01" }), "2020-01-01"))).toEqual(["admissionDecisionOn:invalid_date"]);
    expect(codes(partyAge(facts("1990-01-01", { officialOn: "1989-01-01" }), "2020-01-01"))).toEqual(["officialOn:official_before_admission"]);
    expect(codes(partyAge(facts("1990-01-01", { firstAdmissionDecisionOn: "1991-01-01" }), "2020-01-01"))).toEqual([
      "firstAdmissionDecisionOn:after_latest_admission",
    ]);
  });
});

describe("partyAgeReachedOn with several interruptions", () => {
  it("a later interruption that falls before the pushed-back date also counts", () => {
    const f = facts("1990-01-01", {
      interruptions: [
        { from: "2010-01-01", to: "2010-07-01" }, // 181 days
        { from: "2020-03-01", to: "2020-04-01" }, // 31 days: after 1/1/2020 but before the shifted date
      ],
    });
    expect(partyAgeReachedOn(f, 30)).toBe("2020-08-01");
    expect(partyAge(f, "2020-07-31")).toMatchObject({ value: { years: 29 } });
    expect(partyAge(f, "2020-08-01")).toMatchObject({ value: { years: 30, months: 0 } });
  });
  it("an interruption after the date does not delay it, but delays the next level", () => {
    const f = facts("1989-10-01", { interruptions: [{ from: "2021-01-01", to: "2022-01-01" }] });
    expect(partyAgeReachedOn(f, 30)).toBe("2019-10-01");
    expect(partyAgeReachedOn(f, 40)).toBe("2030-10-01");
  });
});

describe("badge occasions 3/2, 19/5, 2/9, 7/11", () => {
  it.each([
    ["2024-01-01", "2024-02-03"],
    ["2024-02-03", "2024-02-03"],
    ["2024-02-04", "2024-05-19"],
    ["2024-05-19", "2024-05-19"],
    ["2024-09-02", "2024-09-02"],
    ["2024-11-07", "2024-11-07"],
    ["2024-11-08", "2025-02-03"],
    ["2024-12-31", "2025-02-03"],
  ])("after %s the next is %s", (d, next) => {
    expect(nextBadgeOccasion(d)).toBe(next);
  });
});

describe("badge schedule and due levels", () => {
  it("lists the 12 levels with their dates and occasions", () => {
    const s = badgeSchedule(facts("1994-05-19"));
    expect(s.map((b) => b.years)).toEqual([30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]);
    expect(s[0]).toEqual({ years: 30, reachedOn: "2024-05-19", occasion: "2024-05-19" });
    expect(s[1]).toEqual({ years: 40, reachedOn: "2034-05-19", occasion: "2034-05-19" });
    expect(badgeSchedule(facts("2024-03-01", { officialOn: null }))).toEqual([]);
  });

  it("due in year Y, including the 31/12 boundary and leap days", () => {
    expect(badgesDueInYear(facts("1994-12-31"), 2024)).toEqual([{ years: 30, reachedOn: "2024-12-31", occasion: "2025-02-03" }]);
    expect(badgesDueInYear(facts("1995-01-01"), 2024)).toEqual([]);
    expect(badgesDueInYear(facts("1995-01-01"), 2025).map((b) => b.years)).toEqual([30]);
    expect(badgesDueInYear(facts("1996-02-29"), 2026)).toEqual([{ years: 30, reachedOn: "2026-02-28", occasion: "2026-05-19" }]);
    expect(badgesDueInYear(facts("1996-02-29"), 2036)).toEqual([{ years: 40, reachedOn: "2036-02-29", occasion: "2036-05-19" }]);
    expect(badgesDueInYear(facts("1989-07-01"), 2024)).toEqual([]); // 35 years: no badge level
    expect(badgesDueInYear(facts("1984-07-01"), 2024)).toEqual([{ years: 40, reachedOn: "2024-07-01", occasion: "2024-09-02" }]);
    expect(badgesDueInYear(facts("1979-07-01"), 2024).map((b) => b.years)).toEqual([45]);
  });

  it("the badge due at a date is the highest reached level above those awarded", () => {
    const f = facts("1980-06-01");
    expect(badgeDueAt(f, "2024-07-01")?.years).toBe(40);
    expect(badgeDueAt(f, "2024-07-01", [30])?.years).toBe(40);
    expect(badgeDueAt(f, "2024-07-01", [30, 40])).toBeUndefined();
    expect(badgeDueAt(f, "2024-06-01", [30, 40])).toBeUndefined();
    expect(badgeDueAt(f, "2024-06-01", [30, 40], "seriously_ill")?.years).toBe(45); // 12 months early
    expect(badgeDueAt(f, "2024-05-31", [30, 40], "seriously_ill")).toBeUndefined();
  });

  it("70 years and above may come 24 months early for a seriously ill member", () => {
    const f = facts("1955-01-01");
    expect(maxEarlyMonths(65, "seriously_ill")).toBe(12);
    expect(maxEarlyMonths(70, "seriously_ill")).toBe(24);
    expect(maxEarlyMonths(90, "deceased")).toBe(12);
    expect(maxEarlyMonths(90, "normal")).toBe(0);
    expect(badgeDueAt(f, "2023-01-01", [65], "seriously_ill")?.years).toBe(70);
    expect(badgeDueAt(f, "2022-12-31", [65], "seriously_ill")).toBeUndefined();
  });
});

describe("checkBadgeAward", () => {
  const f = facts("1994-05-19");
  const base = { facts: f, years: 30, awardOn: "2024-05-19", status: "official" as const, alreadyAwarded: [] };
  it("accepts the award on the date party age is reached", () => {
    expect(checkBadgeAward(base)).toEqual({ ok: true, value: { years: 30, reachedOn: "2024-05-19", occasion: "2024-05-19" } });
  });
  it("rejects a day early, naming the earliest date", () => {
    const r = checkBadgeAward({ ...base, awardOn: "2024-05-18" });
    expect(codes(r)).toEqual(["awardOn:not_reached"]);
    expect(r.ok ? "" : r.violations[0]!.message).toContain("2024-05-19");
  });
  it("allows early awards for the seriously ill and posthumous awards", () => {
    expect(checkBadgeAward({ ...base, awardOn: "2023-05-19", circumstance: "seriously_ill" }).ok).toBe(true);
    expect(codes(checkBadgeAward({ ...base, awardOn: "2023-05-18", circumstance: "seriously_ill" }))).toEqual(["awardOn:not_reached"]);
    expect(checkBadgeAward({ ...base, awardOn: "2023-06-01", status: "deceased", circumstance: "deceased" }).ok).toBe(true);
    expect(codes(checkBadgeAward({ ...base, status: "deceased" }))).toEqual(["status:not_eligible_status"]);
    expect(codes(checkBadgeAward({ ...base, circumstance: "deceased" }))).toEqual(["status:not_eligible_status"]);
  });
  it("rejects removed members, repeats, lower levels and unknown levels", () => {
    expect(codes(checkBadgeAward({ ...base, status: "removed" }))).toEqual(["status:not_eligible_status"]);
    expect(codes(checkBadgeAward({ ...base, alreadyAwarded: [30] }))).toEqual(["years:already_awarded"]);
    expect(codes(checkBadgeAward({ ...base, awardOn: "2034-06-01", alreadyAwarded: [40] }))).toEqual(["years:lower_than_awarded"]);
    expect(codes(checkBadgeAward({ ...base, years: 35 }))).toEqual(["years:unknown_badge"]);
    expect(codes(checkBadgeAward({ ...base, facts: { ...f, officialOn: null } }))).toEqual(["years:not_reached"]);
    expect(codes(checkBadgeAward({ ...base, awardOn: "19/05/2024" }))).toEqual(["awardOn:invalid_date"]);
  });
});

describe("partyAgeReachedOn agrees with partyAge (generated cases)", () => {
  it("party age is N on the reached date and N−1 the day before, with random interruptions", async () => {
    const { addDays } = await import("@orgboard/locale-vi");
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const day = (base: string, n: number) => addDays(base, n);
    for (let i = 0; i < 300; i++) {
      const decision = day("1950-01-01", rand(365 * 40));
      const interruptions = [];
      let cursor = day(decision, 400 + rand(2000));
      for (let k = rand(3); k > 0; k--) {
        const to = day(cursor, 1 + rand(800));
        interruptions.push({ from: cursor, to });
        cursor = day(to, 1 + rand(3000));
      }
      const f: PartyAgeFacts = { admissionDecisionOn: decision, officialOn: day(decision, 365), interruptions };
      for (const years of [30, 45, 60] as const) {
        const reached = partyAgeReachedOn(f, years)!;
        const at = partyAge(f, reached);
        const before = partyAge(f, day(reached, -1));
        expect([decision, years, at.ok && at.value.years]).toEqual([decision, years, years]);
        expect([decision, years, before.ok && before.value.years]).toEqual([decision, years, years - 1]);
      }
    }
  });
});
