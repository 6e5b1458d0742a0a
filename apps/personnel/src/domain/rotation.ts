// Rotation (luân chuyển) and transfer (điều động) of cadres, Quy định 65-QĐ/TW (28/4/2022, replacing
// 98-QĐ/TW of 2017), as reported by the press (docs/personnel.md): rotated cadres must be in planning
// (Art. 1.2, 4.2), have at least 10 years of work left from the rotation (Art. 5; one full term for the
// non-local key-leader policy), and rotate for at least 3 years (36 months: Art. 7 as commonly reported,
// unverified). A transfer (điều động) follows the work's needs: none of these checks. Both go from an
// organization (and post) to another; the post basically equivalent (Art. 4.3, not checked: titles are free text).
import { addMonths, addYears, type IsoDate } from "@orgboard/locale-vi";
import type { Gender, RotationCompletion, RotationKind, RotationStatus } from "@orgboard/contract-personnel";
import { refusal, type Refusal } from "./errors.js";
import { retirementDate } from "./retirement.js";

/** The shortest rotation, in months (QĐ 65: "ít nhất là 3 năm"). */
export const ROTATION_MIN_MONTHS = 36;
/** Years of work left at the rotation's start (QĐ 65 Art. 5: "còn thời gian công tác ít nhất 10 năm"). */
export const ROTATION_MIN_YEARS_LEFT = 10;
/** For the non-local key-leader policy: one full term (5 years). */
export const ROTATION_MIN_YEARS_LEFT_NON_LOCAL = 5;

export interface RotationFacts {
  kind: RotationKind;
  fromOrgPath: string;
  fromPostId: string | null;
  toOrgPath: string;
  toPostId: string | null;
  startOn: IsoDate;
  plannedEndOn: IsoDate;
  nonLocalKeyPost: boolean;
  cadre: { birthDate: IsoDate; gender: Gender };
  /** the cadre has an active place in some planning pool */
  planned: boolean;
  /** the cadre has a rotation or transfer not completed that overlaps this one */
  overlapping: boolean;
}

/** Why this rotation or transfer cannot be planned (empty: it can). */
export function rotationRefusals(f: RotationFacts): Refusal[] {
  const out: Refusal[] = [];
  if (f.plannedEndOn <= f.startOn) out.push(refusal("end_before_start", "plannedEndOn", "ngày kết thúc dự kiến phải sau ngày bắt đầu", "the planned end must come after the start"));
  if (f.fromOrgPath === f.toOrgPath && f.fromPostId === f.toPostId) out.push(refusal("same_place", "toOrgPath", "nơi đến trùng nơi đi", "the destination is the origin"));
  if (f.overlapping) out.push(refusal("already_rotating", "cadreId", "cán bộ đang có một đợt luân chuyển, điều động chưa kết thúc", "the cadre already has a rotation or transfer not completed"));
  if (f.kind === "rotation") {
    if (f.plannedEndOn < addMonths(f.startOn, ROTATION_MIN_MONTHS)) out.push(refusal("too_short", "plannedEndOn", `thời gian luân chuyển ít nhất ${ROTATION_MIN_MONTHS / 12} năm`, `a rotation lasts at least ${ROTATION_MIN_MONTHS / 12} years`));
    if (!f.planned && !f.nonLocalKeyPost) out.push(refusal("not_planned", "cadreId", "cán bộ luân chuyển phải trong quy hoạch", "a rotated cadre must be in a planning pool"));
    const years = f.nonLocalKeyPost ? ROTATION_MIN_YEARS_LEFT_NON_LOCAL : ROTATION_MIN_YEARS_LEFT;
    if (retirementDate(f.cadre.birthDate, f.cadre.gender) < addYears(f.startOn, years)) out.push(refusal("not_enough_years_left", "cadreId", `cán bộ luân chuyển phải còn ít nhất ${years} năm công tác`, `a rotated cadre needs at least ${years} years of work left`));
  }
  return out;
}

/** Where a rotation stands on `today`. */
export function rotationStatus(r: { startOn: IsoDate; completedOn: IsoDate | null }, today: IsoDate): RotationStatus {
  if (r.completedOn !== null) return "completed";
  return today < r.startOn ? "planned" : "serving";
}

/** Why a rotation cannot be completed on `completedOn` (empty: it can). */
export function completionRefusals(r: { startOn: IsoDate; completedOn: IsoDate | null }, completedOn: IsoDate, completion: RotationCompletion): Refusal[] {
  const out: Refusal[] = [];
  if (r.completedOn !== null) out.push(refusal("already_completed", "rotationId", "đợt luân chuyển đã kết thúc", "the rotation is already completed"));
  if (completedOn < r.startOn) out.push(refusal("before_start", "completedOn", "ngày kết thúc trước ngày bắt đầu", "completed before it started"));
  void completion;
  return out;
}

/** Whether two periods [a.start, a.end) and [b.start, b.end) overlap. */
export const periodsOverlap = (a: { start: IsoDate; end: IsoDate }, b: { start: IsoDate; end: IsoDate }): boolean => a.start < b.end && b.start < a.end;
