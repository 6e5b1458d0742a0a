import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDuration, formatNumber, formatPercent, formatTime } from "../src/lib/format.js";

describe("formatters", () => {
  it("writes dates as dd/mm/yyyy in Vietnam time, whatever the browser zone", () => {
    // 18:30 UTC on the 26th is 01:30 on the 27th in Hà Nội (UTC+7).
    expect(formatDate("2026-11-26T18:30:00Z")).toBe("27/11/2026");
    expect(formatDate(new Date(Date.UTC(2026, 0, 5, 3)))).toBe("05/01/2026");
    expect(formatTime("2026-11-26T18:30:05Z")).toBe("01:30:05");
    expect(formatDateTime("2026-11-27T07:05:00Z")).toBe("27/11/2026 14:05");
  });

  it("rejects what is not a date instead of printing NaN", () => {
    expect(() => formatDate("not a date")).toThrow(/not a date/);
  });

  it("formats durations as m:ss or h:mm:ss, never negative", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(65_000)).toBe("1:05");
    expect(formatDuration(3_723_000)).toBe("1:02:03");
    expect(formatDuration(-5000)).toBe("0:00");
  });

  it("groups thousands the Vietnamese way in vi and the English way in en", () => {
    expect(formatNumber(16240, "vi")).toBe("16.240");
    expect(formatNumber(16240, "en")).toBe("16,240");
  });

  it("shows a dash for a share of an empty plan", () => {
    expect(formatPercent(64, 67)).toBe("96%");
    expect(formatPercent(3, 0)).toBe("—");
  });
});
