// The inspection service's vocabulary (docs/inspection.md cites the rule behind each value; Vietnamese
// terms in docs/glossary.md). Enum-like columns hold these values; the tuples are the single list.

/** Who owns a yearly inspection and supervision program (chương trình kiểm tra, giám sát). */
export const PROGRAM_OWNERS = [
  /** cấp ủy (the committee) */
  "committee",
  /** ban thường vụ cấp ủy */
  "standing_committee",
  /** ủy ban kiểm tra */
  "commission",
] as const;
export type ProgramOwner = (typeof PROGRAM_OWNERS)[number];

/** Which body conducts an inspection or supervision; the report groups by it. */
export const CONDUCTOR_KINDS = [
  /** cấp ủy / ban thường vụ of the organization at conductorOrgPath */
  "committee",
  /** its ủy ban kiểm tra */
  "commission",
  /** a grassroots committee (đảng ủy cơ sở) */
  "grassroots_committee",
  /** a cell (chi bộ) */
  "cell",
] as const;
export type ConductorKind = (typeof CONDUCTOR_KINDS)[number];

export const INSPECTION_KINDS = [
  /** kiểm tra khi có dấu hiệu vi phạm */
  "signs_of_violation",
  /** kiểm tra cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật */
  "lower_level_work",
  /** kiểm tra tài chính đảng */
  "party_finance",
  /** chi bộ kiểm tra đảng viên chấp hành (a cell's check of its members' compliance) */
  "member_compliance",
] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const SUPERVISION_KINDS = [
  /** giám sát thường xuyên */
  "regular",
  /** giám sát chuyên đề */
  "thematic",
] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/** Whom an inspection, supervision, discipline or denunciation is about. */
export const SUBJECT_KINDS = ["member", "organization"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** decided (quyết định kiểm tra) → under_way → concluded (kết luận). */
export const CASE_STATUSES = ["decided", "under_way", "concluded"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Degree of a violation (mức độ vi phạm, Quy định 69-QĐ/TW). */
export const VIOLATION_DEGREES = [
  /** ít nghiêm trọng */
  "less_serious",
  /** nghiêm trọng */
  "serious",
  /** rất nghiêm trọng */
  "very_serious",
  /** đặc biệt nghiêm trọng */
  "especially_serious",
] as const;
export type ViolationDegree = (typeof VIOLATION_DEGREES)[number];

/** Hình thức kỷ luật đảng viên (Điều lệ Đảng, Điều 35). */
export const MEMBER_DISCIPLINE_FORMS = [
  /** khiển trách */
  "reprimand",
  /** cảnh cáo */
  "warning",
  /** cách chức */
  "dismissal",
  /** khai trừ */
  "expulsion",
] as const;
export type MemberDisciplineForm = (typeof MEMBER_DISCIPLINE_FORMS)[number];

/** Hình thức kỷ luật tổ chức đảng (Điều lệ Đảng, Điều 35). */
export const ORG_DISCIPLINE_FORMS = [
  /** khiển trách */
  "reprimand",
  /** cảnh cáo */
  "warning",
  /** giải tán */
  "dissolution",
] as const;
export type OrgDisciplineForm = (typeof ORG_DISCIPLINE_FORMS)[number];

export const DISCIPLINE_FORMS = ["reprimand", "warning", "dismissal", "expulsion", "dissolution"] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];

/**
 * Where a decision's effect in another service stands: `none` (nothing to apply elsewhere: a reprimand),
 * `pending` (published, not yet confirmed), `applied`, `refused` (the other service could not apply it:
 * the reason is kept), `resolved` (an officer settled a refusal).
 */
export const EFFECT_STATUSES = ["none", "pending", "applied", "refused", "resolved"] as const;
export type EffectStatus = (typeof EFFECT_STATUSES)[number];

/** khiếu nại (about a discipline decision) / tố cáo (denunciation). */
export const PETITION_KINDS = ["complaint", "denunciation"] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];

export const PETITION_STATUSES = [
  "received",
  /** not handled (e.g. an anonymous denunciation, or out of time): the reason is kept */
  "not_handled",
  "under_way",
  "settled",
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** Inter-agency watch list (danh sách vụ việc theo dõi, chỉ đạo). */
export const WATCH_STATUSES = ["watched", "closed"] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

/** Where a discipline decision stands after appeals (khiếu nại): an appeal may change or annul it. */
export const DECISION_STATUSES = ["in_force", "changed", "annulled"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** How the competent body decided an appeal. */
export const APPEAL_OUTCOMES = [
  /** giữ nguyên */
  "upheld",
  /** thay đổi hình thức kỷ luật */
  "changed",
  /** xóa bỏ quyết định */
  "annulled",
] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/**
 * Who decides a discipline (chủ thể thi hành kỷ luật): a cell, a grassroots committee, a committee or
 * its standing committee above the grassroots, a commission (the domain's competence rules take these).
 */
export const DECIDING_BODY_KINDS = ["cell", "grassroots_committee", "committee", "standing_committee", "commission"] as const;
export type DecidingBodyKind = (typeof DECIDING_BODY_KINDS)[number];

/** Violations no statute of limitations applies to (Quy định 69-QĐ/TW). */
export const LIMITATION_EXEMPTIONS = ["internal_politics", "defence_security_foreign_affairs", "forged_diplomas"] as const;
export type LimitationExemption = (typeof LIMITATION_EXEMPTIONS)[number];
