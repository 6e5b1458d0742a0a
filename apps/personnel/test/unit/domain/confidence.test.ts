import { describe, expect, it } from "vitest";
import { confidenceOutcome, hasQuorum, lowPercent } from "../../../src/domain/index.js";

describe("confidence votes (Quy định 96-QĐ/TW)", () => {
  it("needs two thirds of those summoned present", () => {
    expect(hasQuorum(30, 20)).toBe(true);
    expect(hasQuorum(30, 19)).toBe(false);
  });

  it("proposes resignation above one half of low confidence and dismissal from two thirds, exactly at the boundaries", () => {
    const t = (low: number) => ({ high: 0, medium: 30 - low, low });
    expect(confidenceOutcome(t(15), 30)).toBe("none");
    expect(confidenceOutcome(t(16), 30)).toBe("resignation_proposed");
    expect(confidenceOutcome(t(19), 30)).toBe("resignation_proposed");
    expect(confidenceOutcome(t(20), 30)).toBe("dismissal_proposed");
    expect(lowPercent(t(16), 30)).toBe(53.3);
  });
});
