// Yearly quality rating (kiểm điểm, đánh giá, xếp loại chất lượng): Quy định 124-QĐ/TW (4 Oct 2023).
// Steps: self-assessment (tự đánh giá, xếp loại) → appraisal and proposal (thẩm định, đề xuất) → decision by
// the competent committee (quyết định xếp loại). One rating per subject per year; the decision is final.
// The excellent cap, Art. 12: the number rated "Hoàn thành xuất sắc nhiệm vụ" may not exceed 20% of the
// number rated "Hoàn thành tốt nhiệm vụ" in each group of comparable subjects; for collectives and
// individuals alike (an organization with outstanding results may be allowed more by the competent level).
// Note: Quy định 366-QĐ/TW (Sep 2025) replaced 124 from the 2025 rating on (100-point scale); the four
// levels and stages are unchanged here.
import { RATING_LEVELS, RATING_STAGES, isOneOf, type RatingLevel, type RatingStage, type RatingSubjectKind } from "./enums.js";
import { both, fail, ok, violation, type Result, type Violation } from "./result.js";

/** The cap, as a fraction: excellent ≤ 20/100 × good. */
export const EXCELLENT_CAP_PERCENT = 20;

export const FIRST_RATING_YEAR = 1930;

export interface RatingState {
  subjectKind: RatingSubjectKind;
  /** member id or organization id */
  subjectId: string | number;
  year: number;
  stage: RatingStage;
  level: RatingLevel;
}

/** Ratings move one stage forward at a time; nothing moves after approval. */
export const RATING_TRANSITIONS: Readonly<Record<RatingStage, readonly RatingStage[]>> = {
  self_assessment: ["appraisal"],
  appraisal: ["approved"],
  approved: [],
};

export function isRatingLocked(stage: RatingStage): boolean {
  return stage === "approved";
}

/** Validates creating a rating: the first stage, a valid level and year, and no other rating that year. */
export function checkNewRating(
  rating: { subjectKind: RatingSubjectKind; subjectId: string | number; year: number; level: string; stage?: string },
  existing: readonly Pick<RatingState, "subjectKind" | "subjectId" | "year">[],
  currentYear: number,
): Result<RatingState> {
  const out: Violation[] = [];
  if (!Number.isInteger(rating.year) || rating.year < FIRST_RATING_YEAR || rating.year > currentYear) {
    out.push(violation("year", "invalid_year", both(`năm phải từ ${FIRST_RATING_YEAR} đến ${currentYear}, đang là ${rating.year}`, `year must be between ${FIRST_RATING_YEAR} and ${currentYear}, got ${rating.year}`)));
  }
  if (!isOneOf(RATING_LEVELS, rating.level)) out.push(violation("level", "unknown_level", both(`level phải là một trong ${RATING_LEVELS.join(", ")}`, `level must be one of ${RATING_LEVELS.join(", ")}`)));
  const stage = rating.stage ?? "self_assessment";
  if (stage !== "self_assessment") out.push(violation("stage", "must_start_with_self_assessment", both(`việc xếp loại bắt đầu từ self_assessment (tự đánh giá), không phải ${stage}`, `a rating starts at self_assessment, not ${stage}`)));
  const duplicate = existing.some(
    (r) => r.subjectKind === rating.subjectKind && String(r.subjectId) === String(rating.subjectId) && r.year === rating.year,
  );
  if (duplicate) out.push(violation("year", "duplicate_rating", both(`${rating.subjectKind} ${rating.subjectId} đã có kết quả xếp loại năm ${rating.year}`, `${rating.subjectKind} ${rating.subjectId} already has a rating for ${rating.year}`)));
  if (out.length > 0) return fail(out);
  return ok({ subjectKind: rating.subjectKind, subjectId: rating.subjectId, year: rating.year, stage: "self_assessment", level: rating.level as RatingLevel });
}

/**
 * Moves a rating to its next stage, optionally with a new level (the appraisal and the decision may
 * change the proposed level). Editing the level without moving is allowed before approval
 * (`toStage` = current stage).
 */
export function transitionRating(current: RatingState, change: { toStage: string; level?: string }): Result<RatingState> {
  if (isRatingLocked(current.stage)) {
    return fail([violation("stage", "rating_locked", both(`kết quả xếp loại năm ${current.year} đã được phê duyệt và khóa`, `the ${current.year} rating is approved and locked`))]);
  }
  if (!isOneOf(RATING_STAGES, change.toStage)) return fail([violation("toStage", "unknown_stage", both(`stage phải là một trong ${RATING_STAGES.join(", ")}`, `stage must be one of ${RATING_STAGES.join(", ")}`))]);
  if (change.level !== undefined && !isOneOf(RATING_LEVELS, change.level)) {
    return fail([violation("level", "unknown_level", both(`level phải là một trong ${RATING_LEVELS.join(", ")}`, `level must be one of ${RATING_LEVELS.join(", ")}`))]);
  }
  const toStage = change.toStage;
  if (toStage !== current.stage && !RATING_TRANSITIONS[current.stage].includes(toStage)) {
    return fail([
      violation("toStage", "invalid_transition", both(
        `không thể chuyển từ ${current.stage} sang ${toStage}; bước tiếp theo là ${RATING_TRANSITIONS[current.stage].join(" hoặc ")}`,
        `cannot go from ${current.stage} to ${toStage}; next is ${RATING_TRANSITIONS[current.stage].join(" or ")}`,
      )),
    ]);
  }
  return ok({ ...current, stage: toStage, level: change.level ?? current.level });
}

/** Largest number of "excellent" allowed for a number of "good" ratings: floor(20% × good). */
export function maxExcellent(goodCount: number): number {
  // Integer arithmetic: floor(good × 20 / 100) = floor(good / 5); "may not exceed" means no rounding up.
  return Math.floor((goodCount * EXCELLENT_CAP_PERCENT) / 100);
}

export interface ExcellentCapCheck {
  excellent: number;
  good: number;
  maxExcellent: number;
}

/**
 * Checks the excellent cap for one group of comparable subjects (e.g. the members of one grassroots
 * organization, or the cells of one committee). `allowExceed` records the competent level's decision to
 * allow more for outstanding results.
 */
export function checkExcellentCap(counts: { excellent: number; good: number }, options: { allowExceed?: boolean } = {}): Result<ExcellentCapCheck> {
  for (const [name, n] of Object.entries(counts)) {
    if (!Number.isInteger(n) || n < 0) return fail([violation(name, "invalid_count", both(`${name} phải là số nguyên ≥ 0, đang là ${n}`, `${name} must be a whole number ≥ 0, got ${n}`))]);
  }
  const max = maxExcellent(counts.good);
  if (counts.excellent > max && !options.allowExceed) {
    return fail([
      violation(
        "level",
        "excellent_cap_exceeded",
        both(
          `${counts.excellent} xếp loại hoàn thành xuất sắc nhưng tối đa chỉ ${max}: 20% của ${counts.good} hoàn thành tốt (Quy định 124-QĐ/TW)`,
          `${counts.excellent} rated excellent but at most ${max} allowed: 20% of the ${counts.good} rated good (Quy định 124-QĐ/TW)`,
        ),
      ),
    ]);
  }
  return ok({ excellent: counts.excellent, good: counts.good, maxExcellent: max });
}

/**
 * Applies the cap to a group's ratings after a proposed change: counts the levels at or past `stage`
 * (default: appraisal, when the proposal is made) with `change` applied, then checks the cap.
 */
export function checkExcellentCapForGroup(
  ratings: readonly Pick<RatingState, "subjectKind" | "subjectId" | "stage" | "level">[],
  change?: Pick<RatingState, "subjectKind" | "subjectId" | "stage" | "level">,
  options: { fromStage?: RatingStage; allowExceed?: boolean } = {},
): Result<ExcellentCapCheck> {
  const fromIndex = RATING_STAGES.indexOf(options.fromStage ?? "appraisal");
  const key = (r: { subjectKind: string; subjectId: string | number }) => `${r.subjectKind}:${String(r.subjectId)}`;
  const merged = new Map(ratings.map((r) => [key(r), r]));
  if (change) merged.set(key(change), change);
  let excellent = 0;
  let good = 0;
  for (const r of merged.values()) {
    if (RATING_STAGES.indexOf(r.stage) < fromIndex) continue;
    if (r.level === "excellent") excellent++;
    else if (r.level === "good") good++;
  }
  return checkExcellentCap({ excellent, good }, { allowExceed: options.allowExceed });
}
