// An inspection's or supervision's lifecycle: decided (quyết định kiểm tra/giám sát) → under_way (tiến
// hành) → concluded (kết luận). Findings must be consistent (a violation has a degree; discipline is
// proposed only with a violation, in a form allowed for the subject). A supervision that finds signs of
// violation becomes an inspection of kind signs_of_violation (QĐ 296-QĐ/TW: "qua giám sát phát hiện
// dấu hiệu vi phạm thì chuyển sang kiểm tra"). Sources: docs/inspection.md, "Rules".
import { type IsoDate, isIsoDate } from "@orgboard/locale-vi";
import { conflict, violation, type Violation } from "./errors.js";
import { allowedForms, type DisciplineSubjectProfile } from "./discipline.js";
import type { CaseStatus, ConductorKind, DisciplineForm, InspectionKind, SubjectKind, SupervisionKind, ViolationDegree } from "./vocabulary.js";
import { VIOLATION_DEGREES, isOneOf } from "./vocabulary.js";

/** The only legal moves; a case never goes back (a reopened matter is a new decision). */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  decided: ["under_way"],
  under_way: ["concluded"],
  concluded: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT "illegal_transition" (field "status") for a move CASE_TRANSITIONS does not allow. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) {
    throw conflict("illegal_transition", `Không thể chuyển hồ sơ từ "${from}" sang "${to}"`, `A case cannot go from "${from}" to "${to}"`, "status");
  }
}

/** An inspection's conclusion (kết luận kiểm tra). */
export interface InspectionFindings {
  /** có vi phạm */
  violation: boolean;
  /** mức độ vi phạm: required with a violation, null without */
  degree: ViolationDegree | null;
  /** hình thức kỷ luật đề nghị (or decided by the conductor when competent); null = none proposed */
  proposedForm: DisciplineForm | null;
}

/**
 * Consistency of findings (fields under `findings.`): a violation needs a degree; no violation means no
 * degree and no discipline; a proposed form must be one the subject can receive (discipline.allowedForms).
 */
export function checkFindings(findings: InspectionFindings, subject: DisciplineSubjectProfile): Violation[] {
  const out: Violation[] = [];
  if (findings.violation) {
    if (findings.degree === null || !isOneOf(VIOLATION_DEGREES, findings.degree)) {
      out.push(violation("findings.degree", "degree_required", "Có vi phạm thì phải kết luận mức độ vi phạm", "A violation needs its degree"));
    }
  } else {
    if (findings.degree !== null) {
      out.push(violation("findings.degree", "degree_without_violation", "Không có vi phạm thì không có mức độ vi phạm", "No violation, so no degree"));
    }
    if (findings.proposedForm !== null) {
      out.push(violation("findings.proposedForm", "discipline_without_violation", "Chỉ đề nghị kỷ luật khi có vi phạm", "Discipline may be proposed only with a violation"));
    }
  }
  if (findings.proposedForm !== null && findings.violation && !allowedForms(subject).includes(findings.proposedForm)) {
    out.push(
      violation(
        "findings.proposedForm",
        "form_not_allowed",
        `Hình thức "${findings.proposedForm}" không áp dụng cho đối tượng này`,
        `Form "${findings.proposedForm}" does not apply to this subject`,
      ),
    );
  }
  return out;
}

/** The dates of a case: decided ≤ started ≤ concluded (each optional until reached). */
export interface CaseDates {
  decidedOn: IsoDate;
  startedOn: IsoDate | null;
  concludedOn: IsoDate | null;
  /** planned end (thời gian kiểm tra dự kiến), used for "deadlines about to be missed" */
  plannedEndOn?: IsoDate | null;
}

export function checkCaseDates(d: CaseDates): Violation[] {
  const out: Violation[] = [];
  const order = (field: string, later: IsoDate | null | undefined, earlier: IsoDate | null, vi: string, en: string) => {
    if (later == null) return;
    if (!isIsoDate(later)) out.push(violation(field, "invalid_date", "Ngày không hợp lệ (yyyy-mm-dd)", "Not a valid date (yyyy-mm-dd)"));
    else if (earlier !== null && later < earlier) out.push(violation(field, "date_order", vi, en));
  };
  order("startedOn", d.startedOn, d.decidedOn, "Ngày tiến hành không được trước ngày quyết định", "The start cannot precede the decision");
  order("concludedOn", d.concludedOn, d.startedOn ?? d.decidedOn, "Ngày kết luận không được trước ngày tiến hành", "The conclusion cannot precede the start");
  order("plannedEndOn", d.plannedEndOn, d.decidedOn, "Ngày kết thúc dự kiến không được trước ngày quyết định", "The planned end cannot precede the decision");
  if (d.concludedOn != null && d.startedOn === null) {
    out.push(violation("startedOn", "concluded_without_start", "Hồ sơ phải được tiến hành trước khi kết luận", "A case is under way before it is concluded"));
  }
  return out;
}

/** A supervision's conclusion: signs of violation (dấu hiệu vi phạm) or not. */
export interface SupervisionFindings {
  signsOfViolation: boolean;
}

/** True when the supervision must turn into an inspection on signs of violation. */
export function supervisionBecomesInspection(findings: SupervisionFindings): boolean {
  return findings.signsOfViolation;
}

/** Who conducts a case and whom it is about: what an inspection opened from a supervision keeps. */
export interface CaseParties {
  conductorKind: ConductorKind;
  conductorOrgPath: string;
  subjectKind: SubjectKind;
  memberId: number | null;
  orgId: number | null;
  /** the subject's organization path (for a member: the member's organization when the case was opened) */
  subjectOrgPath: string;
}

export interface SupervisionCase extends CaseParties {
  id: string;
  kind: SupervisionKind;
}

/** What an inspection opened from a supervision starts with. */
export interface InspectionDraft extends CaseParties {
  kind: InspectionKind;
  decidedOn: IsoDate;
  fromSupervisionId: string;
}

/**
 * The inspection a supervision with signs of violation becomes: kind signs_of_violation, same conductor
 * and subject, decided on `decidedOn` (not before the supervision's conclusion). Throws CONFLICT
 * "no_signs_of_violation" when the findings do not call for one.
 */
export function inspectionFromSupervision(supervision: SupervisionCase, findings: SupervisionFindings, decidedOn: IsoDate): InspectionDraft {
  if (!supervisionBecomesInspection(findings)) {
    throw conflict(
      "no_signs_of_violation",
      "Giám sát không phát hiện dấu hiệu vi phạm thì không chuyển sang kiểm tra",
      "Only a supervision that found signs of violation becomes an inspection",
      "signsOfViolation",
    );
  }
  return {
    kind: "signs_of_violation",
    conductorKind: supervision.conductorKind,
    conductorOrgPath: supervision.conductorOrgPath,
    subjectKind: supervision.subjectKind,
    memberId: supervision.memberId,
    orgId: supervision.orgId,
    subjectOrgPath: supervision.subjectOrgPath,
    decidedOn,
    fromSupervisionId: supervision.id,
  };
}
