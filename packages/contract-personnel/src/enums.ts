// Enumerations of the personnel contract (docs/personnel.md; Vietnamese terms: docs/glossary.md).

export const GENDERS = ["male", "female"] as const;
export type Gender = (typeof GENDERS)[number];

/** Which body a post belongs to: party, state, mass organization (Mặt trận, đoàn thể). */
export const POST_BODIES = ["party", "state", "mass_organization"] as const;
export type PostBody = (typeof POST_BODIES)[number];

/** A leadership position (chức vụ lãnh đạo, quản lý) or a committee seat (ủy viên). */
export const POST_KINDS = ["leadership", "committee_seat"] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** The committee a seat belongs to: ban chấp hành, ban thường vụ, ủy ban kiểm tra. */
export const COMMITTEES = ["executive_committee", "standing_committee", "inspection_commission"] as const;
export type Committee = (typeof COMMITTEES)[number];

/** Why a post held ended. */
export const POST_END_REASONS = ["term_ended", "dismissal", "confidence_vote", "removed_from_party", "death", "officer"] as const;
export type PostEndReason = (typeof POST_END_REASONS)[number];

/** Why a candidate left a planning pool (đưa ra khỏi quy hoạch). */
export const POOL_REMOVAL_REASONS = ["discipline", "standard_not_met", "age", "confidence_vote", "officer"] as const;
export type PoolRemovalReason = (typeof POOL_REMOVAL_REASONS)[number];

/**
 * How a member's file ended in membership (1.1: membership's member events), taking the cadre out of pools.
 * Not added to POOL_REMOVAL_REASONS: widening an output enum would break 1.0's readers (0006).
 */
export const MEMBER_END_REASONS = ["removed_from_party", "death"] as const;
export type MemberEndReason = (typeof MEMBER_END_REASONS)[number];

/** What a discipline bars a cadre from, for a period. */
export const BAR_PURPOSES = ["appointment", "planning"] as const;
export type BarPurpose = (typeof BAR_PURPOSES)[number];

/** What a confidence vote's share of low confidence calls for (Quy định 96-QĐ/TW). */
export const CONFIDENCE_OUTCOMES = ["none", "resignation_proposed", "dismissal_proposed"] as const;
export type ConfidenceOutcome = (typeof CONFIDENCE_OUTCOMES)[number];

/** What a political-standard conclusion (kết luận tiêu chuẩn chính trị) is for. */
export const STANDARD_PURPOSES = ["admission", "planning", "appointment", "nomination"] as const;
export type StandardPurpose = (typeof STANDARD_PURPOSES)[number];

/** Where a consumed event stands: applied, or unappliable until an officer resolves it. */
export const EFFECT_STATUSES = ["applied", "unappliable", "resolved"] as const;
export type EffectStatus = (typeof EFFECT_STATUSES)[number];

/**
 * (1.2) The level of a party congress (đại hội đảng bộ): grassroots (cơ sở), upper-grassroots (cấp xã
 * since the two-level local government of 2025), provincial (tỉnh, thành phố), and party organizations
 * directly under the Centre (đảng bộ trực thuộc Trung ương).
 */
export const CONGRESS_LEVELS = ["grassroots", "commune", "provincial", "central_affiliated"] as const;
export type CongressLevel = (typeof CONGRESS_LEVELS)[number];

/** (1.2) A congress candidate standing for the committee the first time (lần đầu) or again (tái cử). */
export const CANDIDACY_KINDS = ["first_time", "re_nominated"] as const;
export type CandidacyKind = (typeof CANDIDACY_KINDS)[number];
// ---- 1.3 (pers-cadres): rotation, yearly review, surplus cadres ----

/** Luân chuyển (rotation, Quy định 65-QĐ/TW: planned cadres, to train them) or điều động (transfer, as the work needs). */
export const ROTATION_KINDS = ["rotation", "transfer"] as const;
export type RotationKind = (typeof ROTATION_KINDS)[number];

/** Where a rotation or transfer stands: planned (not started), serving, or completed. */
export const ROTATION_STATUSES = ["planned", "serving", "completed"] as const;
export type RotationStatus = (typeof ROTATION_STATUSES)[number];

/** How a rotation ended: back to the sending organization, or kept (appointed) at the receiving one. */
export const ROTATION_COMPLETIONS = ["returned", "stayed"] as const;
export type RotationCompletion = (typeof ROTATION_COMPLETIONS)[number];

/** Removals the yearly review of a pool may propose (a subset of POOL_REMOVAL_REASONS). */
export const REVIEW_REASONS = ["age", "discipline", "standard_not_met"] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/**
 * The policy applied to a cadre left without a post by a merger of units (Nghị định 178/2024/NĐ-CP as
 * amended by 67/2025): nghỉ hưu trước tuổi, thôi việc hưởng trợ cấp, bố trí công tác khác.
 */
export const SURPLUS_POLICIES = ["early_retirement", "leave_with_allowance", "transfer"] as const;
export type SurplusPolicy = (typeof SURPLUS_POLICIES)[number];

/** A surplus case: open (no policy yet), policy applied (being carried out), closed (resolved). */
export const SURPLUS_STATUSES = ["open", "policy_applied", "closed"] as const;
export type SurplusStatus = (typeof SURPLUS_STATUSES)[number];
