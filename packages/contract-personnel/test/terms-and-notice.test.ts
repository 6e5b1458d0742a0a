import { describe, expect, it } from "vitest";
import { personnelFiguresNotice, plannedTermOf } from "../src/index.js";

describe("plannedTermOf", () => {
  it("gives the next five-year term for the year's planning, a congress year included", () => {
    expect(plannedTermOf(2026)).toEqual({ termStartYear: 2030, termEndYear: 2035 });
    expect(plannedTermOf(2029)).toEqual({ termStartYear: 2030, termEndYear: 2035 });
    expect(plannedTermOf(2025)).toEqual({ termStartYear: 2030, termEndYear: 2035 });
    expect(plannedTermOf(2030)).toEqual({ termStartYear: 2035, termEndYear: 2040 });
  });
});

describe("personnelFiguresNotice", () => {
  it("maps each personnel event to a notice carrying only its organization, and nothing else to a notice", () => {
    expect(personnelFiguresNotice({ type: "personnel.pool.added", orgPath: "/01/" })).toEqual({ orgPath: "/01/" });
    expect(personnelFiguresNotice({ type: "personnel.vote.recorded", orgPath: "/01/01-G1/" })).toEqual({ orgPath: "/01/01-G1/" });
    expect(personnelFiguresNotice({ type: "inspection.discipline.effective", orgPath: "/01/" })).toBeNull();
  });
});
