// Congress personnel preparation (chuẩn bị nhân sự đại hội) and the election of the committee, after
// Chỉ thị 35-CT/TW (14/6/2024) on party congresses at all levels toward the 14th National Congress and the
// election rules (Quy chế bầu cử trong Đảng). The full texts were not at hand: the figures below are as
// remembered from the press and are marked in docs/personnel.md ("Congress personnel") with their confidence.
// Pure functions: no I/O, dates are ISO calendar dates.
import { addMonths, type IsoDate } from "@orgboard/locale-vi";
import type { CandidacyKind, CongressLevel, Gender } from "@orgboard/contract-personnel";
import { refusal, type Refusal } from "./errors.js";
import { retirementDate } from "./retirement.js";

/**
 * Working time a candidate needs left at the congress, in months: a first-time member of the committee
 * the whole term (60 months), one re-nominated at least half a term (30 months). Chỉ thị 35 (2024), as
 * reported; the figures for re-nomination are **unverified**.
 */
export const CONGRESS_AGE_MONTHS = { first_time: 60, re_nominated: 30 } as const satisfies Record<CandidacyKind, number>;

/** The election list exceeds the seats by at least 10% and at most 30% (Quy chế bầu cử trong Đảng; unverified under the 2024 rules). */
export const BALLOT_SURPLUS = { minPercent: 10, maxPercent: 30 } as const;

/** The standing committee is at most a third of the executive committee (unverified). */
export const STANDING_MAX_SHARE = 1 / 3;

/** Targets Chỉ thị 35 (2024) sets for the new committees as reported: women ≥ 15%, young ≥ 10% (unverified). */
export const CONGRESS_STRUCTURE_TARGETS = { womenPercent: 15, youngPercent: 10 } as const;

export interface CongressStructure {
  committeeSize: number;
  standingSize: number;
  inspectionSize: number;
  womenTargetPercent: number;
  youngTargetPercent: number;
  ethnicMinorityTarget: number;
}

/** What is wrong with a planned committee structure (each refusal names its field). */
export function structureRefusals(s: CongressStructure): Refusal[] {
  const out: Refusal[] = [];
  if (s.standingSize > Math.floor(s.committeeSize * STANDING_MAX_SHARE))
    out.push(refusal("standing_too_large", "standingSize", `ban thường vụ không quá một phần ba cấp ủy (tối đa ${Math.floor(s.committeeSize * STANDING_MAX_SHARE)})`, `the standing committee is at most a third of the committee (at most ${Math.floor(s.committeeSize * STANDING_MAX_SHARE)})`));
  if (s.inspectionSize < 3) out.push(refusal("inspection_too_small", "inspectionSize", "ủy ban kiểm tra có ít nhất 3 ủy viên", "the inspection commission has at least 3 members"));
  if (s.womenTargetPercent < CONGRESS_STRUCTURE_TARGETS.womenPercent)
    out.push(refusal("women_target_low", "womenTargetPercent", `chỉ tiêu cấp ủy viên nữ không dưới ${CONGRESS_STRUCTURE_TARGETS.womenPercent}%`, `the women target is at least ${CONGRESS_STRUCTURE_TARGETS.womenPercent}%`));
  if (s.youngTargetPercent < CONGRESS_STRUCTURE_TARGETS.youngPercent)
    out.push(refusal("young_target_low", "youngTargetPercent", `chỉ tiêu cấp ủy viên trẻ không dưới ${CONGRESS_STRUCTURE_TARGETS.youngPercent}%`, `the young target is at least ${CONGRESS_STRUCTURE_TARGETS.youngPercent}%`));
  if (s.ethnicMinorityTarget > s.committeeSize) out.push(refusal("ethnic_target_too_large", "ethnicMinorityTarget", "chỉ tiêu người dân tộc thiểu số vượt số cấp ủy viên", "the ethnic-minority target exceeds the committee's size"));
  return out;
}

export interface CongressCandidateFacts {
  kind: CandidacyKind;
  birthDate: IsoDate;
  gender: Gender;
  memberId: number | null;
  /** the congress's planned day: age is counted at the congress */
  congressOn: IsoDate;
  alreadyCandidate: boolean;
  resultPosted: boolean;
  barred: boolean;
}

/** Working months left at `on` before retirement (whole months, never negative). */
export function monthsBeforeRetirement(birthDate: IsoDate, gender: Gender, on: IsoDate): number {
  const retires = retirementDate(birthDate, gender);
  let months = 0;
  while (addMonths(on, months + 1) <= retires) months++;
  return months;
}

/** Why a cadre may not stand at the congress (empty: may). */
export function congressCandidateRefusals(f: CongressCandidateFacts): Refusal[] {
  const out: Refusal[] = [];
  if (f.resultPosted) out.push(refusal("result_posted", "congressId", "đại hội đã công bố kết quả bầu cử", "the congress's result is already posted"));
  if (f.memberId === null) out.push(refusal("not_a_member", "cadreId", "chỉ đảng viên mới được bầu vào cấp ủy", "only party members are elected to the committee"));
  if (f.alreadyCandidate) out.push(refusal("already_candidate", "cadreId", "cán bộ đã có trong danh sách ứng cử", "the cadre is already on the candidate list"));
  const need = CONGRESS_AGE_MONTHS[f.kind];
  if (monthsBeforeRetirement(f.birthDate, f.gender, f.congressOn) < need)
    out.push(
      f.kind === "first_time"
        ? refusal("age_first_time", "kind", "tham gia cấp ủy lần đầu phải đủ tuổi công tác trọn một nhiệm kỳ (60 tháng) tính đến ngày đại hội", "a first-time candidate must have a full term (60 months) of working age left at the congress")
        : refusal("age_re_nominated", "kind", "tái cử phải còn đủ tuổi công tác ít nhất nửa nhiệm kỳ (30 tháng) tính đến ngày đại hội", "a re-nominated candidate must have at least half a term (30 months) of working age left at the congress"),
    );
  if (f.barred) out.push(refusal("barred", "cadreId", "cán bộ đang trong thời gian không được quy hoạch, bổ nhiệm do kỷ luật", "the cadre is barred by a discipline"));
  return out;
}

/** How many names the election list may hold for `seats`: seats + 10% … seats + 30% (rounded so the list always exceeds the seats). */
export function ballotListBounds(seats: number): { min: number; max: number } {
  const min = seats + Math.max(1, Math.ceil((seats * BALLOT_SURPLUS.minPercent) / 100));
  const max = Math.max(min, seats + Math.floor((seats * BALLOT_SURPLUS.maxPercent) / 100));
  return { min, max };
}

export interface CandidateVotes {
  candidateId: string;
  votes: number;
}

export type ElectionOutcome =
  | { ok: true; elected: CandidateVotes[]; notElected: CandidateVotes[] }
  | { ok: false; refusal: Refusal };

/**
 * Who is elected: a candidate needs more than half of the valid ballots; when more pass than there are
 * seats, those with the most votes take them. A tie for the last seat elects none of the tied: the congress
 * votes again among them (Quy chế bầu cử), so the result is refused until that vote is counted. Fewer
 * elected than seats is allowed (bầu thiếu).
 */
export function electionOutcome(seats: number, validBallots: number, votes: readonly CandidateVotes[]): ElectionOutcome {
  const passed = votes.filter((v) => v.votes * 2 > validBallots).sort((a, b) => b.votes - a.votes);
  if (passed.length > seats && seats > 0 && passed[seats - 1]!.votes === passed[seats]!.votes)
    return { ok: false, refusal: refusal("tie_at_last_seat", "votes", "nhiều người bằng phiếu ở vị trí trúng cử cuối cùng: bầu tiếp trong số những người bằng phiếu rồi ghi kết quả", "several candidates tie for the last seat: vote again among them, then post the result") };
  const elected = passed.slice(0, seats);
  const chosen = new Set(elected.map((e) => e.candidateId));
  return { ok: true, elected, notElected: votes.filter((v) => !chosen.has(v.candidateId)) };
}

/** Refusals of a result before counting: every listed candidate voted on once, no stranger, the list's size. */
export function resultRefusals(listed: readonly string[], votes: readonly CandidateVotes[], seats: number): Refusal[] {
  const out: Refusal[] = [];
  const ids = votes.map((v) => v.candidateId);
  if (new Set(ids).size !== ids.length) out.push(refusal("duplicate_candidate", "votes", "một người có hai số phiếu", "a candidate appears twice"));
  const known = new Set(listed);
  const stranger = ids.findIndex((id) => !known.has(id));
  if (stranger >= 0) out.push(refusal("not_on_list", `votes.${stranger}.candidateId`, "người này không có trong danh sách bầu cử của đại hội", "this candidate is not on the congress's list"));
  const given = new Set(ids);
  if (listed.some((id) => !given.has(id))) out.push(refusal("votes_missing", "votes", "thiếu số phiếu của người trong danh sách bầu cử", "the votes of a listed candidate are missing"));
  const { min, max } = ballotListBounds(seats);
  if (listed.length < min || listed.length > max)
    out.push(refusal("list_size", "votes", `danh sách bầu cử ${seats} ủy viên phải có từ ${min} đến ${max} người (dư 10–30%)`, `the list for ${seats} seats must hold ${min} to ${max} names (10–30% more)`));
  return out;
}

/** Congresses held / to hold per level, in the order of CONGRESS_LEVELS. */
export function seasonOf(levels: readonly CongressLevel[], rows: readonly { level: CongressLevel; held: boolean; count: number }[]) {
  const out = levels.map((level) => ({ level, held: 0, toHold: 0 }));
  for (const r of rows) {
    const l = out.find((o) => o.level === r.level);
    if (!l) continue;
    if (r.held) l.held += r.count;
    else l.toHold += r.count;
  }
  return { levels: out, held: out.reduce((s, l) => s + l.held, 0), toHold: out.reduce((s, l) => s + l.toHold, 0) };
}
