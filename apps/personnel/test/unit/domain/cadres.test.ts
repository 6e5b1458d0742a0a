// Rotation (QĐ 65), the yearly pool review (QĐ 377/50), surplus cadres after mergers (NĐ 178/2024) and the
// boards' year-on-year figures: the pure rules.
import { describe, expect, it } from "vitest";
import {
  changePercent,
  closeRefusals,
  completionRefusals,
  earlyRetirementEligible,
  outcomeCounts,
  periodsOverlap,
  policyRefusals,
  retirementDate,
  reviewProposals,
  reviewReason,
  rotationRefusals,
  rotationStatus,
  surplusFigures,
  type ReviewedPlace,
  type RotationFacts,
} from "../../../src/domain/index.js";

const young = { birthDate: "1985-05-01", gender: "male" as const };
const rotation = (over: Partial<RotationFacts> = {}): RotationFacts => ({
  kind: "rotation",
  fromOrgPath: "/01/",
  fromPostId: null,
  toOrgPath: "/01/01-G1/",
  toPostId: null,
  startOn: "2026-12-01",
  plannedEndOn: "2029-12-01",
  nonLocalKeyPost: false,
  cadre: young,
  planned: true,
  overlapping: false,
  ...over,
});
const reasons = (r: { reason: string }[]) => r.map((x) => x.reason);

describe("rotation and transfer (Quy định 65-QĐ/TW)", () => {
  it("accepts a planned cadre for three years with ten years of work left", () => {
    expect(rotationRefusals(rotation())).toEqual([]);
  });

  it("needs at least 36 months, to the day", () => {
    expect(reasons(rotationRefusals(rotation({ plannedEndOn: "2029-11-30" })))).toEqual(["too_short"]);
    expect(rotationRefusals(rotation({ plannedEndOn: "2029-12-01" }))).toEqual([]);
    expect(reasons(rotationRefusals(rotation({ plannedEndOn: "2026-12-01" })))).toEqual(["end_before_start", "too_short"]);
  });

  it("needs a planned cadre, unless under the non-local key-leader policy", () => {
    expect(reasons(rotationRefusals(rotation({ planned: false })))).toEqual(["not_planned"]);
    expect(rotationRefusals(rotation({ planned: false, nonLocalKeyPost: true }))).toEqual([]);
  });

  it("needs ten years of work left at the start (five for the non-local key-leader policy)", () => {
    const older = { birthDate: "1970-03-01", gender: "male" as const };
    const retires = retirementDate(older.birthDate, older.gender);
    expect(retires).toBe("2032-03-01");
    expect(reasons(rotationRefusals(rotation({ cadre: older })))).toEqual(["not_enough_years_left"]);
    expect(rotationRefusals(rotation({ cadre: older, nonLocalKeyPost: true }))).toEqual([]);
    // five years before retirement to the day is enough; a day later is not
    expect(rotationRefusals(rotation({ cadre: older, nonLocalKeyPost: true, startOn: "2027-03-01", plannedEndOn: "2030-03-01" }))).toEqual([]);
    expect(reasons(rotationRefusals(rotation({ cadre: older, nonLocalKeyPost: true, startOn: "2027-03-02", plannedEndOn: "2030-03-02" })))).toEqual(["not_enough_years_left"]);
  });

  it("a transfer has none of the rotation's conditions, but still an end after its start, another place and no overlap", () => {
    const t = rotation({ kind: "transfer", planned: false, plannedEndOn: "2027-06-01", cadre: { birthDate: "1966-01-01", gender: "male" } });
    expect(rotationRefusals(t)).toEqual([]);
    expect(reasons(rotationRefusals({ ...t, toOrgPath: "/01/" }))).toEqual(["same_place"]);
    expect(rotationRefusals({ ...t, toOrgPath: "/01/", toPostId: "p2" })).toEqual([]);
    expect(reasons(rotationRefusals({ ...t, overlapping: true }))).toEqual(["already_rotating"]);
  });

  it("is planned before its start, serving from it, completed once ended; completes once, not before its start", () => {
    expect(rotationStatus({ startOn: "2026-12-01", completedOn: null }, "2026-11-30")).toBe("planned");
    expect(rotationStatus({ startOn: "2026-12-01", completedOn: null }, "2026-12-01")).toBe("serving");
    expect(rotationStatus({ startOn: "2026-12-01", completedOn: "2029-12-01" }, "2026-12-05")).toBe("completed");
    expect(completionRefusals({ startOn: "2026-12-01", completedOn: null }, "2029-12-01", "returned")).toEqual([]);
    expect(reasons(completionRefusals({ startOn: "2026-12-01", completedOn: null }, "2026-11-30", "stayed"))).toEqual(["before_start"]);
    expect(reasons(completionRefusals({ startOn: "2026-12-01", completedOn: "2029-12-01" }, "2029-12-02", "stayed"))).toEqual(["already_completed"]);
    expect(periodsOverlap({ start: "2026-01-01", end: "2027-01-01" }, { start: "2027-01-01", end: "2028-01-01" })).toBe(false);
    expect(periodsOverlap({ start: "2026-01-01", end: "2027-01-02" }, { start: "2027-01-01", end: "2028-01-01" })).toBe(true);
  });
});

describe("the yearly review of planning pools (QĐ 377: dynamic planning)", () => {
  const place = (over: Partial<ReviewedPlace> = {}): ReviewedPlace => ({
    entryId: "e1",
    postId: "p1",
    cadreId: "c1",
    term: { termStartYear: 2030, termEndYear: 2035 },
    cadre: young,
    bars: [],
    conclusions: [],
    ...over,
  });

  it("keeps a cadre who still meets everything", () => {
    expect(reviewReason(place(), "2026-11-20")).toBeNull();
  });

  it("proposes removal for age when the whole term can no longer be served", () => {
    // retires 2034-07-01 < 2035-01-01
    expect(reviewReason(place({ cadre: { birthDate: "1972-07-01", gender: "male" } }), "2026-11-20")).toBe("age");
  });

  it("proposes removal while a discipline bars planning on the review day (from ≤ d < until)", () => {
    const bars = [{ purpose: "planning", from: "2026-10-07", until: "2029-04-07" }];
    expect(reviewReason(place({ bars }), "2026-11-20")).toBe("discipline");
    expect(reviewReason(place({ bars }), "2029-04-07")).toBeNull();
    expect(reviewReason(place({ bars: [{ purpose: "appointment", from: "2026-10-07", until: "2029-04-07" }] }), "2026-11-20")).toBeNull();
  });

  it("proposes removal when the latest conclusion up to the review day says not met", () => {
    const conclusions = [
      { concludedOn: "2026-03-01", met: false, purpose: "planning" },
      { concludedOn: "2026-09-01", met: true, purpose: "appointment" },
    ];
    expect(reviewReason(place({ conclusions }), "2026-11-20")).toBeNull();
    expect(reviewReason(place({ conclusions }), "2026-06-01")).toBe("standard_not_met");
    expect(reviewReason(place({ conclusions: [...conclusions, { concludedOn: "2026-12-01", met: false, purpose: "planning" }] }), "2026-11-20")).toBeNull();
  });

  it("does not count an admission conclusion (about non-members)", () => {
    expect(reviewReason(place({ conclusions: [{ concludedOn: "2026-05-01", met: false, purpose: "admission" }] }), "2026-11-20")).toBeNull();
  });

  it("lists the proposals in order, age first when several apply", () => {
    const places = [place(), place({ entryId: "e2", cadre: { birthDate: "1972-07-01", gender: "male" }, bars: [{ purpose: "planning", from: "2026-01-01", until: "2027-01-01" }] }), place({ entryId: "e3", conclusions: [{ concludedOn: "2026-01-01", met: false, purpose: "nomination" }] })];
    expect(reviewProposals(places, "2026-11-20").map((p) => [p.entryId, p.reason])).toEqual([
      ["e2", "age"],
      ["e3", "standard_not_met"],
    ]);
  });
});

describe("surplus cadres after mergers (Nghị định 178/2024/NĐ-CP, 67/2025)", () => {
  const older = { birthDate: "1970-03-01", gender: "male" as const }; // retires 2032-03-01
  it("allows early retirement within ten years of the retirement age, not after it", () => {
    expect(earlyRetirementEligible(older, "2026-11-20")).toBe(true);
    expect(earlyRetirementEligible(older, "2022-03-01")).toBe(true);
    expect(earlyRetirementEligible(older, "2022-02-28")).toBe(false);
    expect(earlyRetirementEligible(older, "2032-03-01")).toBe(false);
    expect(earlyRetirementEligible(young, "2026-11-20")).toBe(false);
  });

  it("checks the policy against the case and the cadre", () => {
    const open = { status: "open" as const, mergedOn: "2025-07-01" };
    expect(policyRefusals(open, "early_retirement", "2025-08-01", older, undefined)).toEqual([]);
    expect(reasons(policyRefusals(open, "early_retirement", "2025-08-01", young, undefined))).toEqual(["not_eligible"]);
    expect(reasons(policyRefusals(open, "transfer", "2025-08-01", young, undefined))).toEqual(["destination_required"]);
    expect(policyRefusals(open, "transfer", "2025-08-01", young, "/01/")).toEqual([]);
    expect(reasons(policyRefusals(open, "leave_with_allowance", "2025-08-01", young, "/01/"))).toEqual(["destination_unexpected"]);
    expect(reasons(policyRefusals(open, "leave_with_allowance", "2025-06-30", young, undefined))).toEqual(["before_merger"]);
    expect(reasons(policyRefusals({ ...open, status: "closed" }, "leave_with_allowance", "2025-08-01", young, undefined))).toEqual(["closed"]);
    // a policy may change before closure
    expect(policyRefusals({ ...open, status: "policy_applied" }, "leave_with_allowance", "2025-08-01", young, undefined)).toEqual([]);
  });

  it("closes only a case with a policy, not before it was decided, once", () => {
    expect(reasons(closeRefusals({ status: "open", policyOn: null }, "2025-09-01"))).toEqual(["no_policy"]);
    expect(closeRefusals({ status: "policy_applied", policyOn: "2025-08-01" }, "2025-08-01")).toEqual([]);
    expect(reasons(closeRefusals({ status: "policy_applied", policyOn: "2025-08-01" }, "2025-07-31"))).toEqual(["before_policy"]);
    expect(reasons(closeRefusals({ status: "closed", policyOn: "2025-08-01" }, "2025-09-01"))).toEqual(["closed"]);
  });

  it("counts resolved / total and per policy", () => {
    expect(
      surplusFigures([
        { status: "open", policy: null },
        { status: "policy_applied", policy: "transfer" },
        { status: "closed", policy: "early_retirement" },
        { status: "closed", policy: "early_retirement" },
      ]),
    ).toEqual({ total: 4, resolved: 2, open: 1, policyApplied: 1, perPolicy: { early_retirement: 2, leave_with_allowance: 0, transfer: 1 } });
    expect(surplusFigures([])).toMatchObject({ total: 0, resolved: 0 });
  });
});

describe("the boards' yearly figures", () => {
  it("gives the change on the year before, one decimal, null from nothing", () => {
    // the seed's own figure: 713 conclusions, up 31.3% on 2022's 543
    expect(changePercent(713, 543)).toBe(31.3);
    expect(changePercent(543, 713)).toBe(-23.8);
    expect(changePercent(5, 0)).toBeNull();
    expect(changePercent(0, 4)).toBe(-100);
    expect(changePercent(4, 4)).toBe(0);
  });

  it("counts vote outcomes, kept being a tally calling for nothing", () => {
    expect(outcomeCounts(2, ["none", "none", "resignation_proposed", "dismissal_proposed"])).toEqual({ sessions: 2, holders: 4, kept: 2, resignationProposed: 1, dismissalProposed: 1 });
  });
});
