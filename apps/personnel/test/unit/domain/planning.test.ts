import { describe, expect, it } from "vitest";
import { coverage, MAX_CANDIDATES_PER_POST, poolRefusals, type PoolFacts } from "../../../src/domain/index.js";

const base: PoolFacts = {
  post: { orgPath: "/01/", termStartYear: 2030, termEndYear: 2035, membersOnly: true },
  candidate: { cadreId: "c1", birthDate: "1980-01-01", gender: "female", memberId: 7 },
  activeCandidates: [],
  otherPostsSameLevel: 0,
  barred: false,
};
const reasons = (f: Partial<PoolFacts>) => poolRefusals({ ...base, ...f }).map((r) => r.reason);

describe("planning pools", () => {
  it("admits a member young enough, unbarred, into a pool with room", () => {
    expect(reasons({})).toEqual([]);
  });

  it("refuses a fourth candidate, a fourth post at one level, a non-member for a members' post, too old, barred, twice", () => {
    expect(MAX_CANDIDATES_PER_POST).toBe(3);
    expect(reasons({ activeCandidates: ["a", "b", "c"] })).toEqual(["pool_full"]);
    expect(reasons({ otherPostsSameLevel: 3 })).toEqual(["too_many_posts"]);
    expect(reasons({ otherPostsSameLevel: 2 })).toEqual([]);
    expect(reasons({ candidate: { ...base.candidate, memberId: null } })).toEqual(["not_a_member"]);
    expect(reasons({ post: { ...base.post, membersOnly: false }, candidate: { ...base.candidate, memberId: null } })).toEqual([]);
    // a woman born on 01/01/1972 retires on 01/05/2030 (58 years 4 months): not the whole of 2030–2035
    expect(reasons({ candidate: { ...base.candidate, birthDate: "1972-01-01" } })).toEqual(["age"]);
    expect(reasons({ barred: true })).toEqual(["barred"]);
    expect(reasons({ activeCandidates: ["c1"] })).toEqual(["already_planned"]);
  });

  it("counts under- and over-covered posts and the structure of distinct candidates against the targets", () => {
    const w = { birthDate: "1995-01-01", gender: "female" as const, ethnicMinority: true };
    const m = { birthDate: "1975-01-01", gender: "male" as const, ethnicMinority: false };
    const c = coverage({
      termStartYear: 2030,
      posts: [
        { orgPath: "/01/", candidates: [{ cadreId: "a", ...w }, { cadreId: "b", ...m }] },
        { orgPath: "/01/", candidates: [{ cadreId: "a", ...w }] },
        { orgPath: "/01/", candidates: [] },
        { orgPath: "/01/", candidates: ["c", "d", "e", "f"].map((cadreId) => ({ cadreId, ...m })) },
      ],
    });
    expect(c).toMatchObject({ posts: 4, underCovered: 2, overCovered: 1, candidates: 6 });
    // 1 woman of 6 = 16.7% < 25%; young (under 40 at 01/01/2030): only "a" (35)
    expect(c.structure.women).toEqual({ count: 1, percent: 16.7, targetPercent: 25, met: false });
    expect(c.structure.young).toEqual({ count: 1, percent: 16.7, targetPercent: 15, met: true });
    expect(c.structure.ethnicMinority).toEqual({ count: 1, percent: 16.7, targetPercent: null, met: null });
  });
});
