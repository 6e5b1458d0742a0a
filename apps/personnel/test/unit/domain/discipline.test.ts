import { describe, expect, it } from "vitest";
import { disciplineEffect, isBarred, politicalStandard } from "../../../src/domain/index.js";

describe("a discipline's effect on a cadre", () => {
  it("bars planning and appointment 12 / 30 / 60 months for reprimand / warning / dismissal (QĐ 80), or the party's later bar", () => {
    expect(disciplineEffect("reprimand", "2026-11-20").bars).toEqual([
      { purpose: "appointment", from: "2026-11-20", until: "2027-11-20" },
      { purpose: "planning", from: "2026-11-20", until: "2027-11-20" },
    ]);
    expect(disciplineEffect("warning", "2026-11-20", { appointment: "2027-11-20", planning: "2027-11-20" }).bars.map((b) => b.until)).toEqual(["2029-05-20", "2029-05-20"]);
    expect(disciplineEffect("dismissal", "2026-02-28").bars[0]!.until).toBe("2031-02-28");
    expect(disciplineEffect("reprimand", "2026-11-20", { planning: "2028-01-01" }).bars[1]!.until).toBe("2028-01-01");
  });

  it("takes the cadre out of the pools; a dismissal ends party posts, an expulsion members' posts", () => {
    expect(disciplineEffect("warning", "2026-11-20")).toMatchObject({ leavePools: true, endPosts: "none" });
    expect(disciplineEffect("dismissal", "2026-11-20")).toMatchObject({ leavePools: true, endPosts: "party" });
    expect(disciplineEffect("expulsion", "2026-11-20")).toMatchObject({ bars: [], leavePools: true, endPosts: "members_only" });
  });

  it("bars from the effective day up to the day before `until`", () => {
    const bars = disciplineEffect("warning", "2026-11-20").bars;
    expect(isBarred(bars, "planning", "2026-11-19")).toBe(false);
    expect(isBarred(bars, "planning", "2026-11-20")).toBe(true);
    expect(isBarred(bars, "planning", "2029-05-19")).toBe(true);
    expect(isBarred(bars, "planning", "2029-05-20")).toBe(false);
  });
});

describe("political-standard conclusions", () => {
  const on = "2026-12-01";
  it("is met by an active member with no discipline in effect and no bar", () => {
    expect(politicalStandard({ purpose: "planning", on, memberStatus: "official", decisions: [], bars: [] })).toEqual({ met: true, reasons: [] });
  });
  it("names every reason: a discipline in effect for 12 months, a bar, a member no longer active", () => {
    const decisions = [{ form: "warning", effectiveOn: "2026-01-10", status: "in_force" }];
    const bars = disciplineEffect("warning", "2026-01-10").bars;
    expect(politicalStandard({ purpose: "appointment", on, memberStatus: "official", decisions, bars }).reasons).toEqual(["discipline_in_effect", "barred"]);
    expect(politicalStandard({ purpose: "appointment", on: "2027-01-10", memberStatus: "official", decisions, bars }).reasons).toEqual(["barred"]);
    expect(politicalStandard({ purpose: "appointment", on, memberStatus: "official", decisions: [{ ...decisions[0]!, status: "annulled" }], bars: [] }).met).toBe(true);
    expect(politicalStandard({ purpose: "planning", on, memberStatus: "removed", decisions: [], bars: [] }).reasons).toEqual(["member_not_active"]);
    expect(politicalStandard({ purpose: "admission", on, memberStatus: "official", decisions: [], bars: [] }).reasons).toEqual(["already_a_member"]);
  });
});
