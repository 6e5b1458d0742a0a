import { describe, expect, it } from "vitest";
import { canServeFullTerm, retirementAgeMonths, retirementDate } from "../../../src/domain/index.js";

describe("retirement age (Labour Code 2019 Art. 169, Decree 135/2020)", () => {
  it("rises by 3 months a year for men up to 62 in 2028, by 4 for women up to 60 in 2035", () => {
    expect(retirementAgeMonths("male", 2020)).toBe(720);
    expect(retirementAgeMonths("male", 2021)).toBe(723);
    expect(retirementAgeMonths("male", 2028)).toBe(744);
    expect(retirementAgeMonths("male", 2040)).toBe(744);
    expect(retirementAgeMonths("female", 2021)).toBe(664);
    expect(retirementAgeMonths("female", 2035)).toBe(720);
  });

  it("uses the age of the year it is reached", () => {
    expect(retirementDate("1961-01-15", "male")).toBe("2021-04-15");
    expect(retirementDate("1970-06-10", "male")).toBe("2032-06-10");
    expect(retirementDate("1970-03-01", "female")).toBe("2027-07-01");
  });

  it("asks for the whole term before retirement: 2025–2030 needs retirement on 01/01/2030 or later", () => {
    const term = { termStartYear: 2025, termEndYear: 2030 };
    expect(canServeFullTerm("1968-01-01", "male", term)).toBe(true);
    expect(canServeFullTerm("1967-12-31", "male", term)).toBe(false);
  });
});
