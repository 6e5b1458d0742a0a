// Discipline (kỷ luật đảng): which forms a subject can receive, who is competent to decide which form
// against whom, the statute of limitations, the date a decision takes effect, and the periods after a
// discipline during which a member may not be (re)admitted, appointed, nominated or put in a planning
// pool. Sources (docs/inspection.md, "Rules", says article by article and where unsure): Điều lệ Đảng
// Art. 35–36, 39–40, Quy định 296-QĐ/TW 2025 Art. 9–11 and 15, Quy định 69-QĐ/TW 2022 Art. 2 and 7,
// Quy định 294-QĐ/TW 2025.
import { addMonths, addYears, isIsoDate, type IsoDate } from "@orgboard/locale-vi";
import { conflict, reason, violation, type Reason, type Violation } from "./errors.js";
import { isStrictlyAbove, isStrictlyBelow, isWithin, parentPath } from "./org-path.js";
import { VIETNAM_CALENDAR, type WorkCalendar } from "./holidays.js";
import { MEMBER_DISCIPLINE_FORMS, ORG_DISCIPLINE_FORMS, type DisciplineForm, type SubjectKind, type ViolationDegree } from "./vocabulary.js";
import { addWorkingDays } from "./working-days.js";

// ---- Forms per subject ----------------------------------------------------------------------------

/** What decides which forms a subject can receive. */
export type DisciplineSubjectProfile =
  | {
      kind: "member";
      /** đảng viên dự bị: reprimand or warning only */
      probationary: boolean;
      /** holds a post (party, state or mass-organization): dismissal (cách chức) needs one */
      holdsPost: boolean;
    }
  | { kind: "organization" };

/**
 * Official member: reprimand, warning, dismissal (only when holding a post), expulsion; probationary
 * member: reprimand, warning; organization: reprimand, warning, dissolution (Điều lệ Art. 35;
 * QĐ 296 Art. 9). Ordered from the lightest.
 */
export function allowedForms(subject: DisciplineSubjectProfile): DisciplineForm[] {
  if (subject.kind === "organization") return [...ORG_DISCIPLINE_FORMS];
  if (subject.probationary) return ["reprimand", "warning"];
  return MEMBER_DISCIPLINE_FORMS.filter((f) => f !== "dismissal" || subject.holdsPost);
}

export function isFormAllowed(subject: DisciplineSubjectProfile, form: DisciplineForm): boolean {
  return allowedForms(subject).includes(form);
}

/** Forms for the subject kind alone (dismissal needs a post, see allowedForms). */
export function formsForSubjectKind(kind: SubjectKind): readonly DisciplineForm[] {
  return kind === "member" ? MEMBER_DISCIPLINE_FORMS : ORG_DISCIPLINE_FORMS;
}

/** Severity order of the forms (reprimand 1 … expulsion/dissolution 4). */
export const FORM_SEVERITY: Readonly<Record<DisciplineForm, number>> = { reprimand: 1, warning: 2, dismissal: 3, expulsion: 4, dissolution: 4 };

/**
 * The forms a degree calls for (QĐ 69-QĐ/TW's scale: less serious → reprimand; serious → warning, or
 * dismissal for a member holding a post; very serious → expulsion / dissolution). The contract's fourth
 * degree, especially serious, calls for the same forms as very serious.
 */
export function formsForDegree(kind: SubjectKind, degree: ViolationDegree): DisciplineForm[] {
  switch (degree) {
    case "less_serious":
      return ["reprimand"];
    case "serious":
      return kind === "member" ? ["warning", "dismissal"] : ["warning"];
    case "very_serious":
    case "especially_serious":
      return kind === "member" ? ["expulsion"] : ["dissolution"];
  }
}

// ---- Competence -----------------------------------------------------------------------------------

/** The kinds of deciding body (chủ thể thi hành kỷ luật). */
export const DECIDING_BODY_KINDS = ["cell", "grassroots_committee", "committee", "standing_committee", "commission"] as const;
export type DecidingBodyKind = (typeof DECIDING_BODY_KINDS)[number];

/**
 * A body that decides discipline, located by its organization's path:
 * - `cell`: a chi bộ (grassroots or subordinate cell) — orgPath is the cell;
 * - `grassroots_committee`: a đảng ủy cơ sở (or its standing committee) — orgPath is the grassroots
 *   organization; `authorizedToAdmit`: authorized to decide admissions, hence expulsions (Điều lệ Art. 36);
 * - `committee` / `standing_committee`: cấp ủy / ban thường vụ of a level above the grassroots (upper-
 *   grassroots, provincial or the Centre "/");
 * - `commission`: the ủy ban kiểm tra of the organization at orgPath; `grassroots` when that is a
 *   grassroots organization.
 */
export type DecidingBody =
  | { kind: "cell"; orgPath: string }
  | { kind: "grassroots_committee"; orgPath: string; authorizedToAdmit: boolean }
  | { kind: "committee" | "standing_committee"; orgPath: string }
  | { kind: "commission"; orgPath: string; grassroots: boolean };

/**
 * Whom a decision is about, as competence needs it:
 * - a member: the cell they belong to, the organizations on whose committees they sit (cấp ủy viên at
 *   those levels; a seat on a cell's committee is the cell's path) and the organization whose committee
 *   manages them as a cadre (đảng viên thuộc diện cấp ủy … quản lý), null when none;
 * - an organization: its path.
 */
export type CompetenceSubject =
  | { kind: "member"; cellPath: string; committeeSeats: readonly string[]; managedBy: string | null }
  | { kind: "organization"; orgPath: string };

export interface CompetenceOptions {
  /**
   * The violation concerns a task assigned by an upper level (nhiệm vụ do cấp trên giao): a cell is then
   * not competent (QĐ 296 Art. 10.1.1: the cell's competence excludes it).
   */
  upperLevelTask?: boolean;
}

const MILD: readonly DisciplineForm[] = ["reprimand", "warning"];
const ALL_MEMBER: readonly DisciplineForm[] = MEMBER_DISCIPLINE_FORMS;

/** Does the member sit on a committee above `level`, or is managed by one? Then `level` is not competent. */
function heldAbove(subject: Extract<CompetenceSubject, { kind: "member" }>, level: string): boolean {
  return subject.committeeSeats.some((seat) => isStrictlyAbove(seat, level)) || (subject.managedBy !== null && isStrictlyAbove(subject.managedBy, level));
}

function sitsAt(subject: Extract<CompetenceSubject, { kind: "member" }>, level: string): boolean {
  return subject.committeeSeats.includes(level);
}

function memberForms(body: DecidingBody, subject: Extract<CompetenceSubject, { kind: "member" }>, options: CompetenceOptions): readonly DisciplineForm[] {
  if (!isWithin(subject.cellPath, body.orgPath)) return [];
  switch (body.kind) {
    case "cell":
      // its own members, committee members of any level and upper-managed cadres included, for
      // violations other than of tasks assigned by the upper level; reprimand and warning only
      return subject.cellPath === body.orgPath && !options.upperLevelTask ? MILD : [];
    case "grassroots_committee": {
      const forms = new Set<DisciplineForm>(MILD);
      // cách chức cấp ủy viên cấp dưới
      if (subject.committeeSeats.some((seat) => isStrictlyBelow(seat, body.orgPath))) forms.add("dismissal");
      // khai trừ when authorized to admit, except committee members of any level and upper-managed cadres
      if (body.authorizedToAdmit && subject.committeeSeats.length === 0 && (subject.managedBy === null || !isStrictlyAbove(subject.managedBy, body.orgPath))) {
        forms.add("expulsion");
      }
      return ALL_MEMBER.filter((f) => forms.has(f));
    }
    case "committee":
    case "standing_committee": {
      if (heldAbove(subject, body.orgPath)) return [];
      // a committee member of this very level: reprimand and warning; dismissal and expulsion need the
      // level above — except at the Centre, which has none (the Central Committee decides on its own
      // members; its Politburo/Secretariat, the standing body, reprimands and warns)
      if (sitsAt(subject, body.orgPath)) return body.orgPath === "/" && body.kind === "committee" ? ALL_MEMBER : MILD;
      return ALL_MEMBER;
    }
    case "commission": {
      if (heldAbove(subject, body.orgPath)) return [];
      // a grassroots commission: reprimand and warning of the đảng bộ's members below its own committee
      if (body.grassroots) return sitsAt(subject, body.orgPath) ? [] : MILD;
      // same-level committee members and cadres the same-level committee manages: reprimand, warning
      if (sitsAt(subject, body.orgPath) || subject.managedBy === body.orgPath) return MILD;
      // lower-level committee members: up to dismissal (their expulsion is the committee's)
      if (subject.committeeSeats.length > 0) return ["reprimand", "warning", "dismissal"];
      return ALL_MEMBER;
    }
  }
}

function organizationForms(body: DecidingBody, subject: Extract<CompetenceSubject, { kind: "organization" }>): readonly DisciplineForm[] {
  // QĐ 296 Art. 11: the committee or standing committee of the level directly above decides reprimand and
  // warning; dissolution is decided by the committee directly above (plenary, not the standing
  // committee) and approved by the level above it (dissolutionApprovalBy)
  if (body.kind === "cell" || body.kind === "commission") return [];
  if (parentPath(subject.orgPath) !== body.orgPath) return [];
  if (body.kind === "standing_committee") return MILD;
  return ORG_DISCIPLINE_FORMS;
}

/**
 * The forms `body` may decide against `subject` (empty: not competent at all). Competence only: what the
 * subject can receive at all (a post for dismissal, probationary members) is `allowedForms`; a decision
 * needs both.
 */
export function competentForms(body: DecidingBody, subject: CompetenceSubject, options: CompetenceOptions = {}): DisciplineForm[] {
  const forms = subject.kind === "member" ? memberForms(body, subject, options) : organizationForms(body, subject);
  return [...forms];
}

export function isCompetent(body: DecidingBody, subject: CompetenceSubject, form: DisciplineForm, options: CompetenceOptions = {}): boolean {
  return competentForms(body, subject, options).includes(form);
}

/** Throws CONFLICT "not_competent" (field "form") when `body` may not decide `form` against `subject`. */
export function assertCompetent(body: DecidingBody, subject: CompetenceSubject, form: DisciplineForm, options: CompetenceOptions = {}): void {
  if (!isCompetent(body, subject, form, options)) {
    throw conflict(
      "not_competent",
      `Cơ quan quyết định không có thẩm quyền thi hành hình thức "${form}" đối với đối tượng này`,
      `The deciding body is not competent to decide "${form}" against this subject`,
      "form",
    );
  }
}

/** Whose approval a dissolution needs: the committee one level above the deciding one (null at the Centre). */
export function dissolutionApprovalBy(decidingOrgPath: string): string | null {
  return parentPath(decidingOrgPath);
}

// ---- Statute of limitations -----------------------------------------------------------------------

/**
 * Violations to which no limitation applies whatever the form (QĐ 69-QĐ/TW): internal politics (chính
 * trị nội bộ); national defence, security or foreign affairs harming the national interest; using forged
 * or unlawful diplomas and certificates.
 */
export const LIMITATION_EXEMPTIONS = ["internal_politics", "defence_security_foreign_affairs", "forged_diplomas"] as const;
export type LimitationExemption = (typeof LIMITATION_EXEMPTIONS)[number];

/**
 * Limitation in years by the form the violation calls for: 5 years for reprimand, 10 for warning or
 * dismissal; none for expulsion or dissolution (QĐ 69-QĐ/TW; same for members and organizations).
 */
export const LIMITATION_YEARS_BY_FORM: Readonly<Record<DisciplineForm, number | null>> = {
  reprimand: 5,
  warning: 10,
  dismissal: 10,
  expulsion: null,
  dissolution: null,
};

/** Years of limitation for a degree (through formsForDegree: the lightest form it calls for); null = none. */
export function limitationYears(kind: SubjectKind, degree: ViolationDegree, exemption: LimitationExemption | null = null): number | null {
  if (exemption !== null) return null;
  const form = formsForDegree(kind, degree)[0];
  return form === undefined ? null : LIMITATION_YEARS_BY_FORM[form];
}

export interface LimitationInput {
  subjectKind: SubjectKind;
  degree: ViolationDegree;
  /** thời điểm có hành vi vi phạm */
  violatedOn: IsoDate;
  /** when the competent body concluded the violation warrants discipline (the decision's date) */
  concludedOn: IsoDate;
  /** a new violation within the period restarts it from the new violation (QĐ 69) */
  newViolationOn?: IsoDate | null;
  exemption?: LimitationExemption | null;
}

export interface LimitationResult {
  /** false: no limitation applies (the violation can be disciplined whenever found) */
  applies: boolean;
  years: number | null;
  /** the period's start (the violation, or the new violation that restarted it) */
  from: IsoDate;
  /** the period's last day, inclusive: from + years (Civil Code Art. 147–148); null when none applies */
  lastDay: IsoDate | null;
  expired: boolean;
}

/**
 * Whether the limitation has run out on `concludedOn`. A period of N years from the violation day ends on
 * the same calendar day N years later (29/02 → 28/02): on that day discipline is still possible, the day
 * after it is not. A new violation on or before the last day restarts the period from that day.
 */
export function limitation(input: LimitationInput): LimitationResult {
  const years = limitationYears(input.subjectKind, input.degree, input.exemption ?? null);
  if (years === null) return { applies: false, years: null, from: input.violatedOn, lastDay: null, expired: false };
  let from = input.violatedOn;
  let lastDay = addYears(from, years);
  const renewed = input.newViolationOn;
  if (renewed != null && renewed > from && renewed <= lastDay) {
    from = renewed;
    lastDay = addYears(from, years);
  }
  return { applies: true, years, from, lastDay, expired: input.concludedOn > lastDay };
}

/** Checks the dates and throws nothing: violations for bad dates, or "limitation_expired" on `concludedOn`. */
export function checkLimitation(input: LimitationInput): Violation[] {
  if (!isIsoDate(input.violatedOn)) return [violation("violatedOn", "invalid_date", "Ngày không hợp lệ (yyyy-mm-dd)", "Not a valid date (yyyy-mm-dd)")];
  if (!isIsoDate(input.concludedOn)) return [violation("concludedOn", "invalid_date", "Ngày không hợp lệ (yyyy-mm-dd)", "Not a valid date (yyyy-mm-dd)")];
  if (input.concludedOn < input.violatedOn) {
    return [violation("violatedOn", "violation_after_conclusion", "Ngày vi phạm sau ngày kết luận", "The violation is dated after the conclusion")];
  }
  const r = limitation(input);
  if (!r.expired) return [];
  return [
    violation(
      "violatedOn",
      "limitation_expired",
      `Đã hết thời hiệu xử lý kỷ luật (${r.years} năm, đến hết ngày ${r.lastDay})`,
      `The statute of limitations has run out (${r.years} years, last day ${r.lastDay})`,
    ),
  ];
}

// ---- Effect ---------------------------------------------------------------------------------------

export interface DecisionDates {
  body: DecidingBodyKind;
  /** the meeting's vote (cell) or the decision's signature (other bodies) */
  decidedOn: IsoDate;
  /** công bố: when the decision was announced to the subject; null if not yet */
  announcedOn: IsoDate | null;
}

/**
 * The date a discipline decision takes effect (QĐ 296 Art. 15): a cell's reprimand or warning as soon as
 * the cell announces the vote's result (the meeting day, `decidedOn`); any other body's decision from its
 * announcement (`announcedOn`, not before `decidedOn`). A complaint does not suspend it. Null while a
 * non-cell decision is not announced.
 */
export function effectiveOn(d: DecisionDates): IsoDate | null {
  if (d.body === "cell") return d.decidedOn;
  if (d.announcedOn === null) return null;
  return d.announcedOn < d.decidedOn ? d.decidedOn : d.announcedOn;
}

// ---- Appeals (khiếu nại kỷ luật; while one is pending the decision stays in force, Art. 39.9) -----

/** "trong vòng một tháng, kể từ ngày nhận quyết định" (Điều lệ Art. 39.7): one calendar month … */
export const APPEAL_MONTHS = 1;
/** … which the Party's own paper reads as 30 working days (dangcongsan.vn, Ban Bạn đọc); see appealLastDay. */
export const APPEAL_WORKING_DAYS = 30;

/**
 * The last day to appeal: the later of one calendar month after the decision was received (Civil Code
 * month arithmetic) and 30 working days after it. The two readings of Art. 39.7 differ by a week or two;
 * taking the later one never refuses a complaint that either reading admits.
 */
export function appealLastDay(decisionReceivedOn: IsoDate, calendar: WorkCalendar = VIETNAM_CALENDAR): IsoDate {
  const month = addMonths(decisionReceivedOn, APPEAL_MONTHS);
  const workingDays = addWorkingDays(decisionReceivedOn, APPEAL_WORKING_DAYS, calendar);
  return month > workingDays ? month : workingDays;
}

export function isAppealInTime(decisionReceivedOn: IsoDate, filedOn: IsoDate, calendar: WorkCalendar = VIETNAM_CALENDAR): boolean {
  return filedOn >= decisionReceivedOn && filedOn <= appealLastDay(decisionReceivedOn, calendar);
}

export type Appellant = { kind: "member"; memberId: number } | { kind: "organization"; orgId: number };
export type DecisionSubject = { kind: "member"; memberId: number } | { kind: "organization"; orgId: number };

/**
 * Who may appeal: only the disciplined member, or the disciplined organization (through its committee or
 * a member on its behalf as it decides): never someone on another's behalf (khiếu nại hộ is not handled).
 * Null = may appeal.
 */
export function appellantRefusal(appellant: Appellant, subject: DecisionSubject): Reason | null {
  const same =
    appellant.kind === subject.kind &&
    (appellant.kind === "member" ? appellant.memberId === (subject as { memberId: number }).memberId : appellant.orgId === (subject as { orgId: number }).orgId);
  return same ? null : reason("appeal_on_behalf", "Không giải quyết khiếu nại hộ: chỉ người (tổ chức) bị kỷ luật được khiếu nại", "An appeal on another's behalf is not handled: only the disciplined member or organization may appeal");
}

// ---- Bars after a discipline ----------------------------------------------------------------------

export const BAR_PURPOSES = [
  /** kết nạp lại (after expulsion) */
  "readmission",
  /** bổ nhiệm, giới thiệu ứng cử vào chức vụ (appointment, nomination for election) */
  "appointment",
  "nomination",
  /** đưa vào quy hoạch */
  "planning",
] as const;
export type BarPurpose = (typeof BAR_PURPOSES)[number];

/**
 * Months during which a purpose is barred, from the day the discipline takes effect; null = no bar from
 * this form. Reprimand, warning, dismissal: 12 months — a discipline ends by itself 12 months after its
 * announcement when there is no complaint and no new violation (QĐ 69-QĐ/TW Art. 2.5), and while it is in
 * effect the member is not transferred, rotated, appointed or given titles (Art. 2.13); a dismissed member
 * is not elected to a committee nor appointed to an equal or higher post for a year (Điều lệ Art. 40.3).
 * Expulsion: readmission at the earliest 36 months after leaving (QĐ 294-QĐ/TW point 3.5, unverified; it
 * also lists people never readmitted, which this table does not know).
 */
export const BAR_MONTHS: Readonly<Record<DisciplineForm, Readonly<Record<BarPurpose, number | null>>>> = {
  reprimand: { readmission: null, appointment: 12, nomination: 12, planning: 12 },
  warning: { readmission: null, appointment: 12, nomination: 12, planning: 12 },
  dismissal: { readmission: null, appointment: 12, nomination: 12, planning: 12 },
  expulsion: { readmission: 36, appointment: null, nomination: null, planning: null },
  dissolution: { readmission: null, appointment: null, nomination: null, planning: null },
};

/**
 * The first day the purpose is no longer barred (the bar covers effectiveOn ≤ d < barredUntil), or null
 * when this form imposes no such bar. A period of N months ends per the Civil Code (31/01 + 1 month =
 * 28/02 or 29/02). After an appeal, pass the day the settlement was announced (the 12 months run from it).
 */
export function barredUntil(form: DisciplineForm, effectiveOn: IsoDate, purpose: BarPurpose): IsoDate | null {
  const months = BAR_MONTHS[form][purpose];
  return months === null ? null : addMonths(effectiveOn, months);
}

/** Is `purpose` barred on `on` by a discipline of `form` effective on `effectiveOn`? */
export function isBarred(form: DisciplineForm, effectiveOn: IsoDate, purpose: BarPurpose, on: IsoDate): boolean {
  const until = barredUntil(form, effectiveOn, purpose);
  return until !== null && on >= effectiveOn && on < until;
}
