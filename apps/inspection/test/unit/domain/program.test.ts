import { describe, expect, it } from "vitest";
import { checkProgramItem, completionPercent, isItemCompleted, isItemOverdue, isQuarter, programCompletion, quarterOf, quarterRange } from "../../../src/domain/index.js";

describe("quarters", () => {
  it("maps months to quarters and back", () => {
    expect(["2025-01-01", "2025-03-31", "2025-04-01", "2025-06-30", "2025-07-01", "2025-12-31"].map(quarterOf)).toEqual([1, 1, 2, 2, 3, 4]);
    expect(quarterRange(2025, 1)).toEqual({ from: "2025-01-01", to: "2025-03-31" });
    expect(quarterRange(2024, 2)).toEqual({ from: "2024-04-01", to: "2024-06-30" });
    expect(quarterRange(2025, 3)).toEqual({ from: "2025-07-01", to: "2025-09-30" });
    expect(quarterRange(2025, 4)).toEqual({ from: "2025-10-01", to: "2025-12-31" });
  });
  it("validates", () => {
    expect([0, 1, 4, 5, 2.5, "1"].map(isQuarter)).toEqual([false, true, true, false, false, false]);
    expect(checkProgramItem({ quarter: 5, completedOn: null }, 2025).map((v) => v.field)).toEqual(["quarter"]);
    expect(checkProgramItem({ quarter: 2, completedOn: "2024-12-31" }, 2025).map((v) => v.code)).toEqual(["completed_before_program_year"]);
    expect(checkProgramItem({ quarter: 4, completedOn: "2026-01-15" }, 2025)).toEqual([]); // finished late
    expect(checkProgramItem({ quarter: 4, completedOn: "2025-13-01" }, 2025).map((v) => v.code)).toEqual(["invalid_date"]);
  });
});

describe("completion", () => {
  it("as of a day", () => {
    expect(isItemCompleted({ completedOn: "2025-05-01" }, "2025-04-30")).toBe(false);
    expect(isItemCompleted({ completedOn: "2025-05-01" }, "2025-05-01")).toBe(true);
    expect(isItemCompleted({ completedOn: null })).toBe(false);
  });
  it("overdue once its quarter has ended", () => {
    expect(isItemOverdue({ quarter: 1, completedOn: null }, 2025, "2025-03-31")).toBe(false);
    expect(isItemOverdue({ quarter: 1, completedOn: null }, 2025, "2025-04-01")).toBe(true);
    expect(isItemOverdue({ quarter: 1, completedOn: "2025-04-10" }, 2025, "2025-05-01")).toBe(false);
  });
  it("percent rounds half up with one decimal; null without items", () => {
    expect(completionPercent(17, 20)).toBe(85);
    expect(completionPercent(2, 3)).toBe(66.7);
    expect(completionPercent(1, 3)).toBe(33.3);
    expect(completionPercent(1, 8)).toBe(12.5);
    expect(completionPercent(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(completionPercent(0, 0)).toBeNull();
  });
  it("programCompletion: items completed by the year's end (or asOf)", () => {
    const items = [{ completedOn: "2025-02-01" }, { completedOn: "2025-12-31" }, { completedOn: "2026-01-05" }, { completedOn: null }];
    expect(programCompletion(items, 2025)).toEqual({ items: 4, completed: 2, percent: 50 });
    expect(programCompletion(items, 2025, "2025-06-30")).toEqual({ items: 4, completed: 1, percent: 25 });
    expect(programCompletion([], 2025)).toEqual({ items: 0, completed: 0, percent: null });
  });
});
