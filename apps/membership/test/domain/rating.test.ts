import { describe, expect, it } from "vitest";
import {
  checkExcellentCap,
  checkExcellentCapForGroup,
  checkNewRating,
  maxExcellent,
  transitionRating,
  type RatingState,
  type Result,
} from "../../src/domain/index.js";

const codes = (r: Result<unknown>) => (r.ok ? [] : r.violations.map((v) => `${v.field}:${v.code}`));

describe("excellent cap: excellent ≤ 20% of good (Quy định 124-QĐ/TW)", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [9, 1],
    [10, 2],
    [14, 2],
    [15, 3],
    [100, 20],
    [101, 20],
    [104, 20],
    [105, 21],
  ])("%i good allow %i excellent (never rounded up)", (good, max) => {
    expect(maxExcellent(good)).toBe(max);
  });

  it("returns a clear violation when exceeded", () => {
    expect(checkExcellentCap({ excellent: 1, good: 5 })).toEqual({ ok: true, value: { excellent: 1, good: 5, maxExcellent: 1 } });
    const r = checkExcellentCap({ excellent: 1, good: 4 });
    expect(r).toEqual({
      ok: false,
      violations: [{ field: "level", code: "excellent_cap_exceeded", message: "1 xếp loại hoàn thành xuất sắc nhưng tối đa chỉ 0: 20% của 4 hoàn thành tốt (Quy định 124-QĐ/TW) / 1 rated excellent but at most 0 allowed: 20% of the 4 rated good (Quy định 124-QĐ/TW)" }],
    });
    expect(checkExcellentCap({ excellent: 3, good: 14 }).ok).toBe(false);
    expect(checkExcellentCap({ excellent: 3, good: 15 }).ok).toBe(true);
    expect(checkExcellentCap({ excellent: 0, good: 0 }).ok).toBe(true);
    expect(checkExcellentCap({ excellent: 1, good: 4 }, { allowExceed: true }).ok).toBe(true);
    expect(codes(checkExcellentCap({ excellent: -1, good: 4 }))).toEqual(["excellent:invalid_count"]);
  });

  it("the base is the count rated good, not good-or-better", () => {
    // 2 excellent + 9 good: with a good-or-better base (11) 2 would pass; the rule's base (9) allows 1.
    expect(checkExcellentCap({ excellent: 2, good: 9 }).ok).toBe(false);
  });

  it("checks a group with a proposed change, from the appraisal stage on", () => {
    const group: Pick<RatingState, "subjectKind" | "subjectId" | "stage" | "level">[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ subjectKind: "member" as const, subjectId: i, stage: "appraisal" as const, level: "good" as const })),
      { subjectKind: "member", subjectId: 10, stage: "approved", level: "excellent" },
      { subjectKind: "member", subjectId: 11, stage: "self_assessment", level: "excellent" }, // not counted yet
      { subjectKind: "member", subjectId: 12, stage: "appraisal", level: "completed" },
    ];
    expect(checkExcellentCapForGroup(group)).toEqual({ ok: true, value: { excellent: 1, good: 10, maxExcellent: 2 } });
    // member 12 proposed excellent: 2 ≤ 2
    expect(checkExcellentCapForGroup(group, { subjectKind: "member", subjectId: 12, stage: "appraisal", level: "excellent" }).ok).toBe(true);
    // member 0 moved from good to excellent: 2 excellent, 9 good → max 1
    expect(codes(checkExcellentCapForGroup(group, { subjectKind: "member", subjectId: 0, stage: "appraisal", level: "excellent" }))).toEqual([
      "level:excellent_cap_exceeded",
    ]);
    expect(checkExcellentCapForGroup(group, undefined, { fromStage: "self_assessment" })).toMatchObject({ value: { excellent: 2, good: 10 } });
    // only approved ratings: 1 excellent, 0 good → over the cap
    expect(codes(checkExcellentCapForGroup(group, undefined, { fromStage: "approved" }))).toEqual(["level:excellent_cap_exceeded"]);
  });
});

describe("checkNewRating", () => {
  const existing = [{ subjectKind: "member" as const, subjectId: 7, year: 2024 }];
  it("one rating per subject per year", () => {
    expect(checkNewRating({ subjectKind: "member", subjectId: 7, year: 2023, level: "good" }, existing, 2025)).toEqual({
      ok: true,
      value: { subjectKind: "member", subjectId: 7, year: 2023, stage: "self_assessment", level: "good" },
    });
    expect(codes(checkNewRating({ subjectKind: "member", subjectId: "7", year: 2024, level: "good" }, existing, 2025))).toEqual(["year:duplicate_rating"]);
    // the same id as an organization is another subject
    expect(checkNewRating({ subjectKind: "organization", subjectId: 7, year: 2024, level: "good" }, existing, 2025).ok).toBe(true);
  });
  it("validates year, level and first stage", () => {
    expect(codes(checkNewRating({ subjectKind: "member", subjectId: 1, year: 2026, level: "good" }, [], 2025))).toEqual(["year:invalid_year"]);
    expect(codes(checkNewRating({ subjectKind: "member", subjectId: 1, year: 1929, level: "good" }, [], 2025))).toEqual(["year:invalid_year"]);
    expect(codes(checkNewRating({ subjectKind: "member", subjectId: 1, year: 2024.5, level: "good" }, [], 2025))).toEqual(["year:invalid_year"]);
    expect(codes(checkNewRating({ subjectKind: "member", subjectId: 1, year: 2024, level: "great" }, [], 2025))).toEqual(["level:unknown_level"]);
    expect(codes(checkNewRating({ subjectKind: "member", subjectId: 1, year: 2024, level: "good", stage: "approved" }, [], 2025))).toEqual([
      "stage:must_start_with_self_assessment",
    ]);
  });
});

describe("transitionRating", () => {
  const r: RatingState = { subjectKind: "member", subjectId: 1, year: 2024, stage: "self_assessment", level: "excellent" };
  it("moves one stage at a time and may change the level", () => {
    const appraised = transitionRating(r, { toStage: "appraisal", level: "good" });
    expect(appraised).toEqual({ ok: true, value: { ...r, stage: "appraisal", level: "good" } });
    const approved = transitionRating({ ...r, stage: "appraisal" }, { toStage: "approved" });
    expect(approved).toEqual({ ok: true, value: { ...r, stage: "approved" } });
    expect(transitionRating(r, { toStage: "self_assessment", level: "completed" })).toMatchObject({ ok: true, value: { level: "completed" } });
  });
  it("no skipping, no going back, nothing after approval", () => {
    expect(codes(transitionRating(r, { toStage: "approved" }))).toEqual(["toStage:invalid_transition"]);
    expect(codes(transitionRating({ ...r, stage: "appraisal" }, { toStage: "self_assessment" }))).toEqual(["toStage:invalid_transition"]);
    expect(codes(transitionRating({ ...r, stage: "approved" }, { toStage: "approved", level: "good" }))).toEqual(["stage:rating_locked"]);
    expect(codes(transitionRating(r, { toStage: "final" }))).toEqual(["toStage:unknown_stage"]);
    expect(codes(transitionRating(r, { toStage: "appraisal", level: "A" }))).toEqual(["level:unknown_level"]);
  });
});
