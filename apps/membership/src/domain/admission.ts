// Admission (kết nạp) and probation (thời kỳ dự bị): Điều lệ Đảng Art. 4–5; Quy định thi hành Điều lệ
// (24-QĐ/TW 2021, restated by 232-QĐ/TW and 294-QĐ/TW 2025) points 1, 3, 4; Hướng dẫn 01-HD/TW (2021).
// Wording and sources: docs/kpis.md and docs/glossary.md.
import {
  addMonths,
  addWorkingDays,
  completedMonths,
  daysBetween,
  isIsoDate,
  type IsoDate,
} from "@orgboard/locale-vi";
import { type IntroductionKind, type MemberStatus, type ProbationOutcome } from "./enums.js";
import { both, fail, ok, resultOf, violation, type Result, type Violation } from "./result.js";

/** Thời kỳ dự bị: 12 months from the admission ceremony. */
export const PROBATION_MONTHS = 12;
/** The cell must consider recognition within 30 working days after probation ends. */
export const RECOGNITION_REVIEW_WORKING_DAYS = 30;
/** The ceremony must be held within 30 working days of receiving the admission decision. */
export const CEREMONY_WORKING_DAYS = 30;
/** Minimum age at consideration: đủ 18 tuổi (in months). */
export const MIN_ADMISSION_AGE_MONTHS = 18 * 12;
/** Above đủ 60 tuổi (counted in months) the provincial-level committee must decide. */
export const MAX_REGULAR_ADMISSION_AGE_MONTHS = 60 * 12;
/** Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng: valid 60 months from issue. */
export const COURSE_CERTIFICATE_VALID_MONTHS = 60;
/** A dossier not considered within 12 months must be redone. */
export const DOSSIER_VALID_MONTHS = 12;
/** A party-member introducer must have worked with the candidate for at least one year. */
export const INTRODUCER_MIN_MONTHS = 12;
/** Youth age (độ tuổi thanh niên, Luật Thanh niên 2020): up to 30 years. */
export const YOUTH_MAX_AGE = 30;

/** Two thirds of the official members must agree (Điều lệ Art. 4 and 5): 3·inFavor ≥ 2·official. */
export function hasTwoThirds(inFavor: number, officialMembers: number): boolean {
  return officialMembers > 0 && inFavor <= officialMembers && 3 * inFavor >= 2 * officialMembers;
}

export interface CellVote {
  inFavor: number;
  /** official members of the cell (đảng viên chính thức), the base of the two-thirds rule */
  officialMembers: number;
}

function checkVote(vote: CellVote | undefined, field: string): Violation[] {
  if (!vote) return [];
  const out: Violation[] = [];
  for (const [name, n] of [["inFavor", vote.inFavor], ["officialMembers", vote.officialMembers]] as const) {
    if (!Number.isInteger(n) || n < 0) out.push(violation(`${field}.${name}`, "invalid_count", both(`${name} phải là số nguyên ≥ 0, đang là ${n}`, `${name} must be a whole number ≥ 0, got ${n}`)));
  }
  if (out.length > 0) return out;
  if (vote.officialMembers === 0) {
    out.push(violation(`${field}.officialMembers`, "no_official_members", both("biểu quyết cần có đảng viên chính thức (chi bộ có ít nhất 3)", "the vote needs official members (a cell has at least 3)")));
  } else if (vote.inFavor > vote.officialMembers) {
    out.push(violation(`${field}.inFavor`, "invalid_count", both(`${vote.inFavor} tán thành nhưng chỉ có ${vote.officialMembers} đảng viên chính thức`, `${vote.inFavor} in favour but only ${vote.officialMembers} official members`)));
  } else if (!hasTwoThirds(vote.inFavor, vote.officialMembers)) {
    out.push(
      violation(
        `${field}.inFavor`,
        "two_thirds_not_reached",
        both(
          `${vote.inFavor}/${vote.officialMembers} đảng viên chính thức tán thành; cần ít nhất ${Math.ceil((2 * vote.officialMembers) / 3)} (hai phần ba)`,
          `${vote.inFavor} of ${vote.officialMembers} official members in favour; at least ${Math.ceil((2 * vote.officialMembers) / 3)} needed (two thirds)`,
        ),
      ),
    );
  }
  return out;
}

function checkDate(value: unknown, field: string, required: boolean): Violation[] {
  if (value === undefined || value === null) return required ? [violation(field, "required", both(`${field}: bắt buộc`, `${field} is required`))] : [];
  return isIsoDate(value) ? [] : [violation(field, "invalid_date", both(`${field} phải là ngày có thật dạng yyyy-mm-dd, đang là ${JSON.stringify(value)}`, `${field} must be a calendar date yyyy-mm-dd, got ${JSON.stringify(value)}`))];
}

// ---- Eligibility of a candidate ----------------------------------------------------------------------

export interface Introduction {
  /** a party member, the youth union committee (BCH Đoàn cơ sở) or the trade union committee */
  kind: IntroductionKind;
  /** for kind "member": the introducer's status on the consideration date */
  memberStatus?: MemberStatus;
  /** for kind "member": since when the introducer has worked with the candidate */
  workedTogetherSince?: IsoDate;
}

export interface AdmissionCandidateFacts {
  birthDate: IsoDate;
  /** date the cell considers the admission (chi bộ xét kết nạp): the date the age rule applies to */
  considerationDate: IsoDate;
  /** completion date of the course on the Party (lớp bồi dưỡng nhận thức về Đảng); null if none */
  courseCompletedOn: IsoDate | null;
  /** bằng tốt nghiệp trung học cơ sở trở lên */
  hasLowerSecondaryDiploma: boolean;
  /** exemption from the education rule (mountain, island, ethnic-minority areas: Ban Bí thư guidance) */
  educationExemption?: boolean;
  introductions: Introduction[];
  /** when the admission dossier was opened; stale after 12 months without consideration */
  dossierOpenedOn?: IsoDate;
  /** a former member being readmitted (kết nạp lại); only one readmission is allowed */
  readmission?: { previousReadmissions: number };
  /** the provincial-level committee approved admitting a person over 60 */
  provincialApprovalOver60?: boolean;
  /** result of the cell's vote, when it has happened */
  cellVote?: CellVote;
}

export interface AdmissionEligibility {
  /** age in whole years on the consideration date */
  age: number;
  /** last day the course certificate is valid */
  courseValidUntil: IsoDate | null;
  /** true when the person is over 60 (provincial approval was needed and given) */
  over60: boolean;
}

/**
 * Checks that a candidate may be admitted on the consideration date. Returns every violation found
 * (not only the first), each naming its field.
 */
export function checkAdmissionEligibility(facts: AdmissionCandidateFacts): Result<AdmissionEligibility> {
  const out: Violation[] = [
    ...checkDate(facts.birthDate, "birthDate", true),
    ...checkDate(facts.considerationDate, "considerationDate", true),
    ...checkDate(facts.courseCompletedOn, "courseCompletedOn", false),
    ...checkDate(facts.dossierOpenedOn, "dossierOpenedOn", false),
  ];
  if (out.length > 0) return fail(out);
  const on = facts.considerationDate;
  if (facts.birthDate > on) return fail([violation("birthDate", "born_after_consideration", both(`ngày sinh ${facts.birthDate} sau ngày ${on}`, `birth date ${facts.birthDate} is after ${on}`))]);

  const months = completedMonths(facts.birthDate, on);
  const age = Math.trunc(months / 12);
  if (months < MIN_ADMISSION_AGE_MONTHS) {
    out.push(
      violation("birthDate", "too_young", both(`phải đủ 18 tuổi vào ngày xét ${on}; đủ 18 tuổi ngày ${addMonths(facts.birthDate, MIN_ADMISSION_AGE_MONTHS)}`, `must be 18 on the consideration date ${on}; turns 18 on ${addMonths(facts.birthDate, MIN_ADMISSION_AGE_MONTHS)}`)),
    );
  }
  const over60 = months > MAX_REGULAR_ADMISSION_AGE_MONTHS;
  if (over60 && !facts.provincialApprovalOver60) {
    out.push(
      violation(
        "provincialApprovalOver60",
        "over_60_needs_provincial_approval",
        both(
          `trên 60 tuổi (${age} tuổi ${months % 12} tháng) vào ngày ${on}: việc kết nạp cần quyết định của cấp ủy cấp tỉnh`,
          `is over 60 (${age} years ${months % 12} months) on ${on}: admission needs the decision of the provincial-level committee`,
        ),
      ),
    );
  }

  let courseValidUntil: IsoDate | null = null;
  if (facts.courseCompletedOn === null) {
    out.push(violation("courseCompletedOn", "course_missing", both("bắt buộc có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", "the course on the Party (lớp bồi dưỡng nhận thức về Đảng) is required")));
  } else {
    courseValidUntil = addMonths(facts.courseCompletedOn, COURSE_CERTIFICATE_VALID_MONTHS);
    if (facts.courseCompletedOn > on) {
      out.push(violation("courseCompletedOn", "course_after_consideration", both(`học xong lớp ngày ${facts.courseCompletedOn}, sau ngày xét ${on}`, `course completed on ${facts.courseCompletedOn}, after the consideration date ${on}`)));
    } else if (on > courseValidUntil) {
      out.push(violation("courseCompletedOn", "course_expired", both(`giấy chứng nhận chỉ có giá trị đến ${courseValidUntil} (60 tháng)`, `course certificate was valid until ${courseValidUntil} (60 months)`)));
    }
  }

  if (!facts.hasLowerSecondaryDiploma && !facts.educationExemption) {
    out.push(violation("hasLowerSecondaryDiploma", "education_required", both("cần bằng tốt nghiệp THCS hoặc được miễn", "a lower-secondary diploma (tốt nghiệp THCS) or an exemption is required")));
  }

  out.push(...checkIntroductions(facts.introductions, on, age));

  if (facts.dossierOpenedOn !== undefined) {
    const staleAfter = addMonths(facts.dossierOpenedOn, DOSSIER_VALID_MONTHS);
    if (facts.dossierOpenedOn > on) {
      out.push(violation("dossierOpenedOn", "dossier_after_consideration", both(`hồ sơ lập ngày ${facts.dossierOpenedOn}, sau ngày ${on}`, `dossier opened on ${facts.dossierOpenedOn}, after ${on}`)));
    } else if (on > staleAfter) {
      out.push(violation("dossierOpenedOn", "dossier_stale", both(
          `hồ sơ lập ngày ${facts.dossierOpenedOn} không được xét trong 12 tháng (đến ${staleAfter}): phải làm lại hồ sơ`,
          `dossier opened on ${facts.dossierOpenedOn} was not considered within 12 months (until ${staleAfter}); its documents must be redone`,
        )));
    }
  }
  if (facts.readmission && facts.readmission.previousReadmissions >= 1) {
    out.push(violation("readmission.previousReadmissions", "readmission_limit", both("người từng là đảng viên chỉ được kết nạp lại một lần", "a former member can be readmitted only once")));
  }
  out.push(...checkVote(facts.cellVote, "cellVote"));
  return resultOf(out, () => ({ age, courseValidUntil, over60 }));
}

// ---- Registration of a candidate ---------------------------------------------------------------------

export interface CandidateRegistrationFacts {
  birthDate: IsoDate;
  courseCompletedOn: IsoDate;
  /** the day the cell registered the candidate: the date of the act every rule is checked on */
  registeredOn: IsoDate;
  /** today: only bounds what may not be in the future */
  today: IsoDate;
}

/**
 * A candidate's registration with the course certificate (lớp bồi dưỡng nhận thức về Đảng). Rules apply
 * on the date of the act (registeredOn), not on the day it is entered: a 2023 registration whose
 * certificate was valid in 2023 stands, whatever today is. Today only refuses dates in the future.
 */
export function checkCandidateRegistration(facts: CandidateRegistrationFacts): Result<{ courseValidUntil: IsoDate }> {
  const bad = [
    ...checkDate(facts.birthDate, "birthDate", true),
    ...checkDate(facts.courseCompletedOn, "courseCompletedOn", true),
    ...checkDate(facts.registeredOn, "registeredOn", true),
  ];
  if (bad.length > 0) return fail(bad);
  const out: Violation[] = [];
  const on = facts.registeredOn;
  if (on > facts.today) out.push(violation("registeredOn", "in_future", both(`${on} là ngày trong tương lai (hôm nay là ${facts.today})`, `${on} is in the future (today is ${facts.today})`)));
  if (facts.courseCompletedOn < facts.birthDate) out.push(violation("courseCompletedOn", "before_birth", both("trước ngày sinh", "is before the birth date")));
  const courseValidUntil = addMonths(facts.courseCompletedOn, COURSE_CERTIFICATE_VALID_MONTHS);
  if (facts.courseCompletedOn > facts.today) {
    out.push(violation("courseCompletedOn", "in_future", both(`${facts.courseCompletedOn} là ngày trong tương lai (hôm nay là ${facts.today})`, `${facts.courseCompletedOn} is in the future (today is ${facts.today})`)));
  } else if (facts.courseCompletedOn > on) {
    out.push(violation("courseCompletedOn", "course_after_registration", both(`học xong lớp ngày ${facts.courseCompletedOn}, sau ngày đăng ký ${on}`, `course completed on ${facts.courseCompletedOn}, after the registration ${on}`)));
  } else if (on > courseValidUntil) {
    out.push(violation("courseCompletedOn", "course_expired", both(`giấy chứng nhận chỉ có giá trị đến ${courseValidUntil} (60 tháng), trước ngày đăng ký ${on}`, `the certificate was valid until ${courseValidUntil} (60 months), before the registration on ${on}`)));
  }
  return resultOf(out, () => ({ courseValidUntil }));
}

function checkIntroductions(list: readonly Introduction[], on: IsoDate, age: number): Violation[] {
  const out: Violation[] = [];
  if (list.length !== 2) {
    out.push(violation("introductions", "two_introductions_required", both(`cần đúng hai người/tổ chức giới thiệu, đang có ${list.length}`, `exactly two introductions are required, got ${list.length}`)));
  }
  const youth = age <= YOUTH_MAX_AGE;
  const members = list.filter((i) => i.kind === "member").length;
  if (list.length === 2 && members === 0) {
    out.push(violation("introductions", "member_introducer_required", both("ít nhất một người giới thiệu phải là đảng viên chính thức", "at least one introducer must be an official party member")));
  }
  list.forEach((intro, i) => {
    const f = `introductions.${i}`;
    if (intro.kind === "member") {
      if (intro.memberStatus !== "official") {
        out.push(violation(`${f}.memberStatus`, "introducer_not_official", both(`người giới thiệu phải là đảng viên chính thức (đang là ${intro.memberStatus ?? "không rõ"})`, `an introducer must be an official member (is ${intro.memberStatus ?? "unknown"})`)));
      }
      if (intro.workedTogetherSince === undefined || !isIsoDate(intro.workedTogetherSince)) {
        out.push(violation(`${f}.workedTogetherSince`, "required", both("bắt buộc ghi ngày người giới thiệu bắt đầu công tác cùng quần chúng", "the date since when the introducer has worked with the candidate is required")));
      } else if (completedMonths(intro.workedTogetherSince, on) < INTRODUCER_MIN_MONTHS) {
        out.push(
          violation(
            `${f}.workedTogetherSince`,
            "introducer_too_recent",
            both(
              `công tác cùng quần chúng từ ${intro.workedTogetherSince}: cần ít nhất một năm (từ ${addMonths(intro.workedTogetherSince, 12)})`,
              `has worked with the candidate since ${intro.workedTogetherSince}: at least one year is required (from ${addMonths(intro.workedTogetherSince, 12)})`,
            ),
          ),
        );
      }
    } else if (intro.kind === "youth_union" && !youth) {
      out.push(violation(`${f}.kind`, "youth_union_not_applicable", both(`Đoàn Thanh niên giới thiệu quần chúng trong độ tuổi thanh niên (≤ ${YOUTH_MAX_AGE}); quần chúng ${age} tuổi`, `the youth union introduces candidates of youth age (≤ ${YOUTH_MAX_AGE}); the candidate is ${age}`)));
    } else if (intro.kind === "trade_union" && youth) {
      out.push(violation(`${f}.kind`, "trade_union_not_applicable", both(`quần chúng trong độ tuổi thanh niên (${age}) do Đoàn Thanh niên giới thiệu, không phải Công đoàn`, `a candidate of youth age (${age}) is introduced by the youth union, not the trade union`)));
    }
  });
  const orgIntroductions = list.filter((i) => i.kind !== "member").length;
  if (orgIntroductions > 1) {
    out.push(violation("introductions", "one_organization_introduction", both("chỉ được một giới thiệu từ Đoàn Thanh niên hoặc Công đoàn", "at most one introduction may come from the youth union or the trade union")));
  }
  return out;
}

// ---- Ceremony ------------------------------------------------------------------------------------------

/**
 * The ceremony (lễ kết nạp) must take place within 30 working days of receiving the decision; later needs
 * the upper committee's consent (`lateApproved`). The ceremony date is the date of entry (ngày vào Đảng).
 */
export function checkCeremonyDate(
  decisionReceivedOn: IsoDate,
  ceremonyOn: IsoDate,
  options: { holidays?: ReadonlySet<IsoDate>; lateApproved?: boolean } = {},
): Result<{ deadline: IsoDate }> {
  const bad = [...checkDate(decisionReceivedOn, "decisionReceivedOn", true), ...checkDate(ceremonyOn, "ceremonyOn", true)];
  if (bad.length > 0) return fail(bad);
  const deadline = addWorkingDays(decisionReceivedOn, CEREMONY_WORKING_DAYS, options.holidays);
  if (ceremonyOn < decisionReceivedOn) {
    return fail([violation("ceremonyOn", "ceremony_before_decision", both(`lễ kết nạp ngày ${ceremonyOn} trước ngày nhận quyết định (${decisionReceivedOn})`, `ceremony on ${ceremonyOn} is before the decision was received (${decisionReceivedOn})`))]);
  }
  if (ceremonyOn > deadline && !options.lateApproved) {
    return fail([violation("ceremonyOn", "ceremony_late", both(
          `lễ kết nạp ngày ${ceremonyOn} quá hạn 30 ngày làm việc (${deadline}) mà không có ý kiến đồng ý của cấp ủy cấp trên`,
          `ceremony on ${ceremonyOn} is after the 30-working-day limit (${deadline}) without the upper committee's consent`,
        ))]);
  }
  return ok({ deadline });
}

/**
 * The admission decision (quyết định kết nạp) of the competent committee: after the cell's vote, before the
 * cell receives it, and before the ceremony. Party age counts from its date (party-age.ts, docs/kpis.md).
 */
export function checkAdmissionDecisionDate(decidedOn: IsoDate, acts: { considerationDate: IsoDate; decisionReceivedOn?: IsoDate; admittedOn: IsoDate }): Violation[] {
  const bad = checkDate(decidedOn, "decidedOn", true);
  if (bad.length > 0) return bad;
  const out: Violation[] = [];
  if (decidedOn < acts.considerationDate) out.push(violation("decidedOn", "decision_before_consideration", both(`quyết định (${decidedOn}) không thể trước ngày chi bộ biểu quyết (${acts.considerationDate})`, `the decision (${decidedOn}) cannot precede the cell's vote (${acts.considerationDate})`)));
  if (acts.decisionReceivedOn !== undefined && decidedOn > acts.decisionReceivedOn) {
    out.push(violation("decidedOn", "decision_after_receipt", both(`quyết định (${decidedOn}) không thể sau ngày chi bộ nhận quyết định (${acts.decisionReceivedOn})`, `the decision (${decidedOn}) cannot be after the cell received it (${acts.decisionReceivedOn})`)));
  }
  if (decidedOn > acts.admittedOn) out.push(violation("decidedOn", "decision_after_ceremony", both(`quyết định (${decidedOn}) không thể sau lễ kết nạp (${acts.admittedOn})`, `the decision (${decidedOn}) cannot be after the ceremony (${acts.admittedOn})`)));
  return out;
}

// ---- Probation -----------------------------------------------------------------------------------------

/** Last day of probation = the day it "ends" and the member is official if recognized (admittedOn + 12 months). */
export function probationEndDate(admittedOn: IsoDate): IsoDate {
  return addMonths(admittedOn, PROBATION_MONTHS);
}

/** Deadline for the cell's recognition meeting: 30 working days after the probation end date. */
export function recognitionReviewDeadline(admittedOn: IsoDate, holidays?: ReadonlySet<IsoDate>): IsoDate {
  return addWorkingDays(probationEndDate(admittedOn), RECOGNITION_REVIEW_WORKING_DAYS, holidays);
}

export type ProbationStage =
  /** before the end date */
  | "in_probation"
  /** end date reached, no decision yet, still within the 30-working-day review period */
  | "awaiting_decision"
  /** past the review deadline without a decision */
  | "overdue"
  /** a decision exists */
  | "decided";

export interface ProbationStatus {
  stage: ProbationStage;
  /** probation end date = official date if recognized */
  dueOn: IsoDate;
  reviewDeadline: IsoDate;
  /** end date reached and no decision (the "past due" flag of lists: awaiting_decision or overdue) */
  pastDue: boolean;
  /** past the 30-working-day review deadline without a decision */
  overdue: boolean;
  /** days left until the end date (negative when past) */
  daysUntilDue: number;
}

export function probationStatus(
  probation: { admittedOn: IsoDate; outcome: ProbationOutcome | null },
  asOf: IsoDate,
  holidays?: ReadonlySet<IsoDate>,
): ProbationStatus {
  const dueOn = probationEndDate(probation.admittedOn);
  const reviewDeadline = recognitionReviewDeadline(probation.admittedOn, holidays);
  const decided = probation.outcome !== null;
  const stage: ProbationStage = decided ? "decided" : asOf < dueOn ? "in_probation" : asOf <= reviewDeadline ? "awaiting_decision" : "overdue";
  const daysUntilDue = daysBetween(asOf, dueOn);
  return { stage, dueOn, reviewDeadline, pastDue: stage === "awaiting_decision" || stage === "overdue", overdue: stage === "overdue", daysUntilDue };
}

export interface ProbationDecisionInput {
  admittedOn: IsoDate;
  outcome: ProbationOutcome;
  /** date of the cell's resolution (nghị quyết chi bộ) */
  decidedOn: IsoDate;
  /** completion of the new-member course (lớp bồi dưỡng đảng viên mới); required to be recognized */
  newMemberCourseCompletedOn: IsoDate | null;
  /** the member's status: only a probationary member can be decided on */
  currentStatus: MemberStatus;
  cellVote?: CellVote;
  /** required when not recognized */
  reason?: string;
}

export interface ProbationDecision {
  outcome: ProbationOutcome;
  /** official date when recognized: the end of probation, even if the decision is late */
  officialOn: IsoDate | null;
  /** the member's status after the decision */
  newStatus: MemberStatus;
  /** decision taken after the 30-working-day review period (allowed, but reported) */
  late: boolean;
}

/**
 * Validates the end-of-probation decision. Recognition: probation must have ended, the new-member course
 * done, two thirds of the official members in favour; the member becomes official on the end date of
 * probation however late the decision ("vẫn được công nhận đúng thời điểm hết 12 tháng dự bị"). Not
 * recognized: the member is struck off the list (status removed, RemovalKind struck_off) with a reason.
 */
export function decideProbation(input: ProbationDecisionInput, holidays?: ReadonlySet<IsoDate>): Result<ProbationDecision> {
  const bad = [
    ...checkDate(input.admittedOn, "admittedOn", true),
    ...checkDate(input.decidedOn, "decidedOn", true),
    ...checkDate(input.newMemberCourseCompletedOn, "newMemberCourseCompletedOn", false),
  ];
  if (bad.length > 0) return fail(bad);
  const out: Violation[] = [];
  if (input.currentStatus !== "probationary") {
    out.push(violation("currentStatus", "not_probationary", both(`chỉ xét công nhận cho đảng viên dự bị (trạng thái hiện tại: ${input.currentStatus})`, `only a probationary member can be decided on (status is ${input.currentStatus})`)));
  }
  const dueOn = probationEndDate(input.admittedOn);
  if (input.decidedOn < dueOn) {
    out.push(violation("decidedOn", "probation_not_finished", both(`thời kỳ dự bị hết ngày ${dueOn}; quyết định ngày ${input.decidedOn} là quá sớm`, `probation ends on ${dueOn}; the decision of ${input.decidedOn} is too early`)));
  }
  if (input.outcome === "recognized") {
    if (input.newMemberCourseCompletedOn === null) {
      out.push(violation("newMemberCourseCompletedOn", "new_member_course_missing", both("bắt buộc có lớp bồi dưỡng đảng viên mới để được công nhận chính thức", "the new-member course (lớp bồi dưỡng đảng viên mới) is required for recognition")));
    } else if (input.newMemberCourseCompletedOn < input.admittedOn) {
      out.push(violation("newMemberCourseCompletedOn", "course_before_admission", both(`lớp học ngày ${input.newMemberCourseCompletedOn} trước ngày kết nạp ${input.admittedOn}`, `course dated ${input.newMemberCourseCompletedOn} is before admission on ${input.admittedOn}`)));
    } else if (input.newMemberCourseCompletedOn > input.decidedOn) {
      out.push(violation("newMemberCourseCompletedOn", "course_after_decision", both(`học xong lớp ngày ${input.newMemberCourseCompletedOn}, sau ngày quyết định`, `course completed on ${input.newMemberCourseCompletedOn}, after the decision`)));
    }
    if (!input.cellVote) out.push(violation("cellVote", "required", both("bắt buộc có kết quả biểu quyết của chi bộ để công nhận chính thức", "the cell's vote is required for recognition")));
    else out.push(...checkVote(input.cellVote, "cellVote"));
  } else {
    if (!input.reason || input.reason.trim() === "") {
      out.push(violation("reason", "required", both("bắt buộc ghi lý do khi không công nhận chính thức", "a reason is required when the member is not recognized")));
    }
    if (input.cellVote) out.push(...checkVote(input.cellVote, "cellVote"));
  }
  const late = input.decidedOn > recognitionReviewDeadline(input.admittedOn, holidays);
  return resultOf(out, () => ({
    outcome: input.outcome,
    officialOn: input.outcome === "recognized" ? dueOn : null,
    newStatus: input.outcome === "recognized" ? "official" : "removed",
    late,
  }));
}
