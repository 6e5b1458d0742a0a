// The value lists of the membership contract (string-union enums shared by the wire schemas, the Prisma
// schema, the service's domain rules and every client). Each is a readonly tuple (so zod can use
// `z.enum(X)` and Prisma enums can be checked against it) plus its union type. Vietnamese names are in
// docs/glossary.md.

/** Kind of party organization in the hierarchy (Điều lệ Đảng, chương III). */
export const ORG_KINDS = [
  /** đảng bộ tỉnh, thành phố, đảng bộ trực thuộc Trung ương */
  "provincial_committee",
  /** đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng (đảng bộ cấp trên cơ sở) */
  "upper_grassroots_committee",
  /** đảng bộ cơ sở */
  "grassroots_committee",
  /** chi bộ cơ sở */
  "grassroots_cell",
  /** đảng bộ bộ phận */
  "partial_committee",
  /** chi bộ trực thuộc (đảng ủy cơ sở hoặc đảng ủy bộ phận) */
  "subordinate_cell",
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Grassroots party organizations (tổ chức cơ sở đảng). */
export const GRASSROOTS_ORG_KINDS = ["grassroots_committee", "grassroots_cell"] as const satisfies readonly OrgKind[];

/**
 * Type of unit a party organization is set up in (loại hình tổ chức cơ sở đảng), as used in the
 * organization statistics reports.
 */
export const SECTORS = [
  /** xã */
  "commune",
  /** phường */
  "ward",
  /** thị trấn (abolished with the district level on 2025-07-01; kept for history) */
  "township",
  /** đặc khu (from 2025-07-01) */
  "special_zone",
  /** cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội */
  "party_mass_org_agency",
  /** cơ quan nhà nước (hành chính, dân cử, tư pháp) */
  "state_agency",
  /** đơn vị sự nghiệp công lập (other than schools) */
  "public_service_unit",
  /** trường học (cơ sở giáo dục, đào tạo) */
  "school",
  /** đơn vị sự nghiệp ngoài công lập */
  "non_public_service_unit",
  /** doanh nghiệp nhà nước */
  "state_enterprise",
  /** doanh nghiệp ngoài nhà nước (tư nhân, cổ phần không chi phối) */
  "non_state_enterprise",
  /** doanh nghiệp có vốn đầu tư nước ngoài */
  "foreign_invested_enterprise",
  /** hợp tác xã */
  "cooperative",
  /** Quân đội nhân dân */
  "armed_forces",
  /** Công an nhân dân */
  "police",
  /** tổ chức đảng ở ngoài nước */
  "overseas",
  /** loại hình khác */
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

/** Membership status of a party member. */
export const MEMBER_STATUSES = [
  /** đảng viên dự bị */
  "probationary",
  /** đảng viên chính thức */
  "official",
  /** đã chuyển sinh hoạt đảng chính thức đi nơi khác (no longer counted here) */
  "transferred_out",
  /** đã ra khỏi Đảng (khai trừ, xóa tên, cho ra khỏi Đảng) — see RemovalKind */
  "removed",
  /** đã từ trần */
  "deceased",
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Statuses that count as "a party member of this organization" (đảng viên trong danh sách). */
export const ACTIVE_MEMBER_STATUSES = ["probationary", "official"] as const satisfies readonly MemberStatus[];

/** How a member left the Party. */
export const REMOVAL_KINDS = [
  /** khai trừ ra khỏi Đảng (kỷ luật) */
  "expelled",
  /** xóa tên trong danh sách đảng viên (incl. a probationary member not recognized as official) */
  "struck_off",
  /** cho ra khỏi Đảng (xin ra hoặc không đủ tư cách) */
  "allowed_to_leave",
] as const;
export type RemovalKind = (typeof REMOVAL_KINDS)[number];

export const GENDERS = ["male", "female"] as const;
export type Gender = (typeof GENDERS)[number];

/** chuyển sinh hoạt đảng chính thức / tạm thời */
export const TRANSFER_KINDS = ["official", "temporary"] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Direction of a transfer as seen from an organization: đến (in) / đi (out). */
export const TRANSFER_DIRECTIONS = ["in", "out"] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

/** State of a transfer (see transfer.ts for the allowed moves). */
export const TRANSFER_STATUSES = [
  /** đề nghị: created by the sending organization, nothing issued yet */
  "requested",
  /** đã cấp giấy giới thiệu sinh hoạt đảng */
  "issued",
  /** nơi đến đã tiếp nhận */
  "received",
  /** nơi đến từ chối tiếp nhận (sai đối tượng, hồ sơ không hợp lệ) */
  "rejected",
  /** hủy trước khi tiếp nhận */
  "cancelled",
  /** temporary transfer ended: member returned to the home organization */
  "returned",
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Quality rating levels (xếp loại chất lượng, Quy định 124-QĐ/TW 2023). */
export const RATING_LEVELS = [
  /** hoàn thành xuất sắc nhiệm vụ */
  "excellent",
  /** hoàn thành tốt nhiệm vụ */
  "good",
  /** hoàn thành nhiệm vụ */
  "completed",
  /** không hoàn thành nhiệm vụ */
  "not_completed",
] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Stages of the yearly rating: tự đánh giá → nhận xét, đánh giá (đề xuất) → quyết định xếp loại. */
export const RATING_STAGES = ["self_assessment", "appraisal", "approved"] as const;
export type RatingStage = (typeof RATING_STAGES)[number];

/** What is rated: a party member or a party organization. */
export const RATING_SUBJECT_KINDS = ["member", "organization"] as const;
export type RatingSubjectKind = (typeof RATING_SUBJECT_KINDS)[number];

/** Party-age badge levels (Huy hiệu Đảng): years of party age. */
export const BADGE_YEARS = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90] as const;
export type BadgeYears = (typeof BADGE_YEARS)[number];

/** Outcome of the end of probation. */
export const PROBATION_OUTCOMES = [
  /** công nhận đảng viên chính thức */
  "recognized",
  /** không công nhận (xóa tên trong danh sách đảng viên dự bị) */
  "not_recognized",
] as const;
export type ProbationOutcome = (typeof PROBATION_OUTCOMES)[number];

/** Type guard helper for any of the tuples above. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

/** Circumstance of a badge proposal: seriously ill and deceased allow the level to be reached early. */
export const BADGE_CIRCUMSTANCES = ["normal", "seriously_ill", "deceased"] as const;
export type BadgeCircumstance = (typeof BADGE_CIRCUMSTANCES)[number];

/** Who introduces a candidate for admission: a party member, the youth union or the trade union. */
export const INTRODUCTION_KINDS = ["member", "youth_union", "trade_union"] as const;
export type IntroductionKind = (typeof INTRODUCTION_KINDS)[number];

/** Why a member transfers temporarily (học tập, công tác, cư trú). */
export const TRANSFER_PURPOSES = ["study", "work", "residence"] as const;
export type TransferPurpose = (typeof TRANSFER_PURPOSES)[number];

/** Files the import reads and the export writes (the import template, docs/import-template.md). */
export const FILE_FORMATS = ["csv", "xlsx"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Services whose decisions membership applies (`membership.decision.applied` / `.refused`). */
export const DECISION_SOURCES = ["inspection"] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];

/**
 * The forms of another service's decision that change membership's records: an expulsion (khai trừ) becomes
 * a removal of kind `expelled`; a dissolution (giải tán) closes the organization. Other forms (reprimand,
 * warning, dismissal from post) are recorded as seen and announce nothing.
 */
export const APPLIED_DECISION_FORMS = ["expulsion", "dissolution"] as const;
export type AppliedDecisionForm = (typeof APPLIED_DECISION_FORMS)[number];

/** Why membership could not apply a decision (`membership.decision.refused`): an officer settles it in the deciding service. */
export const DECISION_REFUSAL_REASONS = [
  /** no member has the decision's member id */
  "member_not_found",
  /** the member has left meanwhile (removed, deceased, transferred out) */
  "member_not_active",
  /** no organization has the decision's organization id */
  "organization_not_found",
  /** the organization is already closed */
  "organization_closed",
  /** the organization still has active members, open child organizations or transfers in progress */
  "organization_not_empty",
  /**
   * the effective date is before the member joined their current organization (a transfer arrived after
   * it), or before the organization was founded: the records contradict the decision
   */
  "effective_before_start",
] as const;
export type DecisionRefusalReason = (typeof DECISION_REFUSAL_REASONS)[number];
