import { describe, expect, it } from "vitest";
import { checkIn, reportAttendance, type SiteAttendance } from "../../src/domain/index.js";
import { errorOf, reasonOf } from "./helpers.js";

const now = new Date("2024-04-01T07:00:00Z");
const site = (over: Partial<SiteAttendance> = {}): SiteAttendance => ({
  expectedAttendance: 40,
  checkedInAt: null,
  presentCount: 0,
  linkState: "connected",
  ...over,
});

describe("check-in", () => {
  it("records the time and the count", () => {
    expect(checkIn("connecting_sites", site(), 35, now)).toEqual({ checkedInAt: now, presentCount: 35 });
    expect(checkIn("in_session", site({ linkState: "degraded" }), 40, now).presentCount).toBe(40);
  });
  it("refuses attendance above the expected number, naming the field", () => {
    const e = errorOf(() => checkIn("connecting_sites", site(), 41, now));
    expect(e.reason).toBe("attendance_exceeds_expected");
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.field).toBe("present");
  });
  it("refuses negative or fractional counts", () => {
    expect(reasonOf(() => checkIn("connecting_sites", site(), -1, now))).toBe("invalid_attendance");
    expect(reasonOf(() => checkIn("connecting_sites", site(), 2.5, now))).toBe("invalid_attendance");
  });
  it("refuses a disconnected site", () => {
    expect(reasonOf(() => checkIn("connecting_sites", site({ linkState: "disconnected" }), 10, now))).toBe("site_disconnected");
  });
  it("refuses a second check-in", () => {
    expect(reasonOf(() => checkIn("in_session", site({ checkedInAt: now }), 10, now))).toBe("already_checked_in");
  });
  it("refuses before connecting starts and after the conference ends", () => {
    expect(reasonOf(() => checkIn("scheduled", site(), 10, now))).toBe("conference_not_live");
    expect(reasonOf(() => checkIn("concluded", site(), 10, now))).toBe("conference_not_live");
  });
});

describe("attendance report", () => {
  it("updates the count after check-in, up to the expected number", () => {
    expect(reportAttendance("in_session", site({ checkedInAt: now }), 40)).toEqual({ presentCount: 40 });
    expect(reportAttendance("in_session", site({ checkedInAt: now }), 0)).toEqual({ presentCount: 0 });
  });
  it("refuses before check-in, above expected, and after the conference", () => {
    expect(reasonOf(() => reportAttendance("in_session", site(), 10))).toBe("not_checked_in");
    expect(reasonOf(() => reportAttendance("in_session", site({ checkedInAt: now }), 41))).toBe("attendance_exceeds_expected");
    expect(reasonOf(() => reportAttendance("concluded", site({ checkedInAt: now }), 10))).toBe("conference_not_live");
  });
});
