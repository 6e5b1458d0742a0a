// Enum-like values of the restructuring service (string columns of its schema, zod enums on the wire).

/** draft → ready (previewed, no conflict) → running → done; rolled_back (only before the effective date). */
export const PLAN_STATUSES = ["draft", "ready", "running", "done", "rolled_back"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** nhập / đổi tên (or unchanged) / chia / không tổ chức cấp (docs/restructuring.md). */
export const UNIT_CHANGE_KINDS = ["merge", "rename", "split", "abolish_level"] as const;
export type UnitChangeKind = (typeof UNIT_CHANGE_KINDS)[number];

export const ORG_CHANGE_KINDS = ["create", "close", "update", "reparent"] as const;
export type OrgChangeKind = (typeof ORG_CHANGE_KINDS)[number];

/** Preview conflicts: trùng tên, chi bộ không có đảng viên, đảng viên không có nơi sinh hoạt, mã đơn vị lạ. */
export const CONFLICT_KINDS = ["duplicate_name", "empty_cell", "no_successor", "unknown_unit"] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Whole old unit, or a part of a split one (1.3: plans.update's unit sources). */
export const UNIT_COVERAGES = ["full", "partial"] as const;
