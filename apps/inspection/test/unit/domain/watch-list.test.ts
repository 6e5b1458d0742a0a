import { describe, expect, it } from "vitest";
import { watchListFigures, type WatchRecord } from "../../../src/domain/index.js";

const r = (orgPath: string, addedOn: string, closedOn: string | null = null): WatchRecord => ({ orgPath, addedOn, closedOn });

describe("watch list figures", () => {
  const records = [
    r("/01/", "2024-05-01", "2025-02-01"), // from last year, closed this year
    r("/01/", "2024-06-01"), // from last year, still watched
    r("/01/01-A/", "2025-01-10", "2025-12-31"), // added and closed this year (closed on the last day)
    r("/01/01-A/", "2025-03-10"), // added, still watched
    r("/01/", "2025-12-31", "2026-01-02"), // added on the last day, closed next year
    r("/01/", "2023-01-01", "2024-12-31"), // closed before the year: not counted
    r("/01/", "2026-01-01"), // after the year
    r("/010/", "2025-02-02"), // another subtree (prefix trap)
    r("/02/", "2025-02-02"),
  ];
  it("added, closed, still watched, watched during the year", () => {
    expect(watchListFigures(records, "/01/", 2025)).toEqual({ added: 3, closed: 2, stillWatched: 3, watchedDuringYear: 5 });
  });
  it("the quote's shape: watched during the year = closed + still watched (18 = 11 + 7)", () => {
    const f = watchListFigures(records, "/01/", 2025);
    expect(f.watchedDuringYear).toBe(f.closed + f.stillWatched);
  });
  it("a subtree", () => {
    expect(watchListFigures(records, "/01/01-A/", 2025)).toEqual({ added: 2, closed: 1, stillWatched: 1, watchedDuringYear: 2 });
  });
  it("as of a day within the year", () => {
    expect(watchListFigures(records, "/01/", 2025, "2025-03-01")).toEqual({ added: 1, closed: 1, stillWatched: 2, watchedDuringYear: 3 });
  });
});
