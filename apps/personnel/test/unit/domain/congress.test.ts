import { describe, expect, it } from "vitest";
import { CONGRESS_LEVELS } from "@orgboard/contract-personnel";
import { ballotListBounds, congressCandidateRefusals, electionOutcome, monthsBeforeRetirement, resultRefusals, seasonOf, structureRefusals, type CongressCandidateFacts } from "../../../src/domain/index.js";

const reasons = (r: { reason: string }[]) => r.map((x) => x.reason);

describe("congress candidates' age (Chỉ thị 35-CT/TW, 2024)", () => {
  // A man born 1 January 1968 retires at 62 on 1 January 2030.
  const man1968 = { birthDate: "1968-01-01", gender: "male" as const };
  const facts = (over: Partial<CongressCandidateFacts>): CongressCandidateFacts => ({ kind: "first_time", ...man1968, memberId: 7, congressOn: "2025-01-01", alreadyCandidate: false, resultPosted: false, barred: false, ...over });

  it("counts whole working months left at the congress", () => {
    expect(monthsBeforeRetirement("1968-01-01", "male", "2025-01-01")).toBe(60);
    expect(monthsBeforeRetirement("1968-01-01", "male", "2025-01-02")).toBe(59);
    expect(monthsBeforeRetirement("1968-01-01", "male", "2031-01-01")).toBe(0);
  });

  it("lets a first-time candidate stand with exactly a full term (60 months) left, not a day less", () => {
    expect(congressCandidateRefusals(facts({}))).toEqual([]);
    const r = congressCandidateRefusals(facts({ congressOn: "2025-01-02" }));
    expect(reasons(r)).toEqual(["age_first_time"]);
    expect(r[0]!.field).toBe("kind");
    expect(r[0]!.vi).toMatch(/trọn một nhiệm kỳ/);
  });

  it("lets a re-nominated member stand with half a term (30 months) left", () => {
    expect(congressCandidateRefusals(facts({ kind: "re_nominated", congressOn: "2027-07-01" }))).toEqual([]);
    expect(reasons(congressCandidateRefusals(facts({ kind: "re_nominated", congressOn: "2027-07-02" })))).toEqual(["age_re_nominated"]);
  });

  it("refuses non-members, a second candidacy, a barred cadre and a congress already held, naming each", () => {
    const r = congressCandidateRefusals(facts({ memberId: null, alreadyCandidate: true, barred: true, resultPosted: true }));
    expect(reasons(r)).toEqual(["result_posted", "not_a_member", "already_candidate", "barred"]);
    expect(r.map((x) => x.field)).toEqual(["congressId", "cadreId", "cadreId", "cadreId"]);
  });
});

describe("the planned committee structure", () => {
  const ok = { committeeSize: 15, standingSize: 5, inspectionSize: 5, womenTargetPercent: 15, youngTargetPercent: 10, ethnicMinorityTarget: 1 };
  it("accepts a standing committee of a third, an inspection commission of three or more, the targets of Chỉ thị 35", () => {
    expect(structureRefusals(ok)).toEqual([]);
  });
  it("refuses a standing committee over a third, a commission under three, targets below the minimum", () => {
    expect(reasons(structureRefusals({ ...ok, standingSize: 6 }))).toEqual(["standing_too_large"]);
    expect(reasons(structureRefusals({ ...ok, inspectionSize: 2, womenTargetPercent: 14.9, youngTargetPercent: 9, ethnicMinorityTarget: 16 }))).toEqual([
      "inspection_too_small",
      "women_target_low",
      "young_target_low",
      "ethnic_target_too_large",
    ]);
  });
});

describe("the election list and who is elected", () => {
  it("bounds the list at 10–30% more names than seats, always at least one more", () => {
    expect(ballotListBounds(15)).toEqual({ min: 17, max: 19 });
    expect(ballotListBounds(3)).toEqual({ min: 4, max: 4 });
    expect(ballotListBounds(50)).toEqual({ min: 55, max: 65 });
  });

  it("elects those with more than half of the valid ballots, exactly half is not enough", () => {
    const r = electionOutcome(3, 100, [
      { candidateId: "a", votes: 51 },
      { candidateId: "b", votes: 50 },
      { candidateId: "c", votes: 90 },
      { candidateId: "d", votes: 10 },
    ]);
    expect(r.ok && r.elected.map((e) => e.candidateId)).toEqual(["c", "a"]);
    expect(r.ok && r.notElected.map((e) => e.candidateId)).toEqual(["b", "d"]);
  });

  it("takes the most votes when more pass than there are seats, and refuses a tie for the last seat", () => {
    const votes = [
      { candidateId: "a", votes: 80 },
      { candidateId: "b", votes: 70 },
      { candidateId: "c", votes: 60 },
    ];
    const r = electionOutcome(2, 100, votes);
    expect(r.ok && r.elected.map((e) => e.candidateId)).toEqual(["a", "b"]);
    const tie = electionOutcome(2, 100, [...votes.slice(0, 2), { candidateId: "c", votes: 70 }]);
    expect(tie.ok).toBe(false);
    expect(!tie.ok && tie.refusal).toMatchObject({ reason: "tie_at_last_seat", field: "votes" });
    // a tie below the last seat elects both
    expect(electionOutcome(3, 100, [...votes.slice(0, 2), { candidateId: "c", votes: 70 }]).ok).toBe(true);
  });

  it("refuses a result with a stranger, a candidate twice, a missing candidate, or a list of the wrong size", () => {
    const listed = ["a", "b", "c", "d"];
    const v = (ids: string[]) => ids.map((candidateId) => ({ candidateId, votes: 1 }));
    expect(resultRefusals(listed, v(listed), 3)).toEqual([]);
    expect(reasons(resultRefusals(listed, v(["a", "b", "c", "x"]), 3))).toEqual(["not_on_list", "votes_missing"]);
    expect(resultRefusals(listed, v(["a", "b", "c", "x"]), 3)[0]!.field).toBe("votes.3.candidateId");
    expect(reasons(resultRefusals(listed, v(["a", "a", "b", "c", "d"]), 3))).toEqual(["duplicate_candidate"]);
    expect(reasons(resultRefusals(listed, v(listed), 4))).toEqual(["list_size"]);
  });
});

describe("the season", () => {
  it("counts held and to hold per level in the levels' order, summing the groups", () => {
    const s = seasonOf(CONGRESS_LEVELS, [
      { level: "commune", held: true, count: 3 },
      { level: "commune", held: false, count: 2 },
      { level: "provincial", held: false, count: 1 },
      { level: "commune", held: true, count: 1 },
    ]);
    expect(s.levels).toEqual([
      { level: "grassroots", held: 0, toHold: 0 },
      { level: "commune", held: 4, toHold: 2 },
      { level: "provincial", held: 0, toHold: 1 },
      { level: "central_affiliated", held: 0, toHold: 0 },
    ]);
    expect([s.held, s.toHold]).toEqual([4, 3]);
  });
});
