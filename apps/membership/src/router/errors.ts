// Rule violations → tRPC errors that name the field and the reason, never a 500 (0001):
// - BAD_REQUEST: the input breaks a rule on its own (a date, a national ID, an age): shaped like a zod
//   failure, so `data.fieldErrors` lists `{ path, message }` and the message reads "Invalid input: …".
// - CONFLICT: the input is fine but the records' state forbids it (duplicate, already decided, locked).
// - NOT_FOUND: a referenced record does not exist.
// Messages carry the rule's stable code in brackets, e.g. "must be 18 on … [too_young]".
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { MembershipInputError } from "../db/errors.js";
import { violation, type Result, type Violation } from "../domain/result.js";

export type RuleErrorCode = "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND";

export class RuleError extends Error {
  override name = "RuleError";
  constructor(
    readonly code: RuleErrorCode,
    readonly violations: readonly Violation[],
  ) {
    super(violations.map((v) => `${v.field}: ${v.message} [${v.code}]`).join("; "));
  }
}

export const invalid = (field: string, code: string, message: string) => new RuleError("BAD_REQUEST", [violation(field, code, message)]);
export const conflict = (field: string, code: string, message: string) => new RuleError("CONFLICT", [violation(field, code, message)]);
export const notFound = (field: string, message: string) => new RuleError("NOT_FOUND", [violation(field, "not_found", message)]);

// The one answer for a record that does not exist AND for one outside the caller's scope (#9 finding 5):
// it names neither the path nor the id asked for, so it cannot confirm that something exists elsewhere.
export const NOT_FOUND_ORG_MESSAGE = bilingual("không có tổ chức đảng này trong phạm vi của bạn", "no such organization in your scope");
export const NOT_FOUND_MEMBER_MESSAGE = bilingual("không có đảng viên này trong phạm vi của bạn", "no such member in your scope");
export const NOT_FOUND_CANDIDATE_MESSAGE = bilingual("không có quần chúng ưu tú này trong phạm vi của bạn", "no such candidate in your scope");
export const notFoundOrg = (field = "orgPath") => notFound(field, NOT_FOUND_ORG_MESSAGE);
export const notFoundMember = (field = "memberId") => notFound(field, NOT_FOUND_MEMBER_MESSAGE);
export const notFoundCandidate = (field = "candidateId") => notFound(field, NOT_FOUND_CANDIDATE_MESSAGE);

/**
 * The value of a domain Result, or a RuleError with its violations. `fieldMap` renames the domain's
 * field names to what the caller knows them as (e.g. `birthDate` → `candidate.birthDate`).
 */
export function check<T>(result: Result<T>, code: RuleErrorCode = "BAD_REQUEST", fieldMap: Record<string, string> = {}): T {
  if (result.ok) return result.value;
  throw new RuleError(
    code,
    result.violations.map((v) => ({ ...v, field: fieldMap[v.field] ?? v.field })),
  );
}

/** Throws when the list is not empty. */
export function throwIf(violations: readonly Violation[], code: RuleErrorCode = "BAD_REQUEST"): void {
  if (violations.length > 0) throw new RuleError(code, violations);
}

// Unique constraints → the input field they guard (a concurrent writer can get past a pre-check).
// (party_card.number is not unique: a reissued card keeps the member's number; member_party_card_number_key
// is what keeps one number to one member, migration 20261205130525.)
const UNIQUE_FIELDS: Record<string, [field: string, message: string]> = {
  member_national_id_key: ["nationalId", bilingual("đã có đảng viên mang số định danh này", "a member with this national ID already exists")],
  member_party_card_number_key: ["number", bilingual("số thẻ đảng viên này đã thuộc về một đảng viên khác", "this party card number is already used by another member")],
  party_card_chip_id_key: ["chipId", bilingual("chip này đã gắn với một thẻ đảng viên khác", "this chip is already linked to another party card")],
  party_organization_code_key: ["code", bilingual("đã có tổ chức đảng mang mã này", "an organization with this code already exists")],
  party_organization_path_key: ["code", bilingual("đã có tổ chức đảng ở đường dẫn này", "an organization with this path already exists")],
  admission_candidate_national_id_key: ["nationalId", bilingual("người mang số định danh này đã được đăng ký là quần chúng ưu tú", "a candidate with this national ID is already registered")],
  admission_member_id_key: ["memberId", bilingual("đảng viên đã có hồ sơ kết nạp", "the member already has an admission record")],
  badge_award_member_id_years_key: ["years", bilingual("mức huy hiệu này đã được đề nghị cho đảng viên", "this badge level was already proposed for the member")],
  quality_rating_member_id_year_key: ["year", bilingual("đảng viên đã có kết quả xếp loại năm này", "the member already has a rating for this year")],
  quality_rating_org_id_year_key: ["year", bilingual("tổ chức đảng đã có kết quả xếp loại năm này", "the organization already has a rating for this year")],
  removal_member_id_key: ["memberId", bilingual("việc đưa đảng viên ra khỏi Đảng đã được ghi", "the member's removal is already recorded")],
  death_member_id_key: ["memberId", bilingual("việc đảng viên từ trần đã được ghi", "the member's death is already recorded")],
};

interface PgErrorLike {
  code?: unknown;
  constraint?: unknown;
}

function trpcFromRule(e: RuleError): TRPCError {
  if (e.code === "BAD_REQUEST") {
    const issues = e.violations.map((v) => ({ path: v.field ? v.field.split(".") : [], message: `${v.message} [${v.code}]` }));
    return new TRPCError({ code: "BAD_REQUEST", message: e.message, cause: Object.assign(new Error(e.message), { issues }) });
  }
  return new TRPCError({ code: e.code, message: e.message, cause: e });
}

interface PrismaUniqueLike {
  code?: unknown;
  meta?: {
    modelName?: unknown;
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { index?: unknown; fields?: unknown }; table?: unknown } };
  };
}

/**
 * The unique constraint a Prisma write ran into (P2002), by its PostgreSQL name: the driver adapters give
 * the index name, or the columns (and the table, or the model's name) from which the name is rebuilt.
 */
function prismaUniqueConstraint(cause: unknown): string | null {
  const e = cause as PrismaUniqueLike | null;
  if (!e || typeof e !== "object" || e.code !== "P2002") return null;
  const adapter = e.meta?.driverAdapterError?.cause;
  if (typeof adapter?.constraint?.index === "string") return adapter.constraint.index;
  const fields = adapter?.constraint?.fields ?? e.meta?.target;
  if (!Array.isArray(fields) || fields.length === 0) return null;
  const model = typeof e.meta?.modelName === "string" ? e.meta.modelName.replace(/(?<!^)([A-Z])/g, "_$1").toLowerCase() : null;
  const table = typeof adapter?.table === "string" ? adapter.table : model;
  return table ? `${table}_${fields.map(String).join("_")}_key` : null;
}

/** A tRPC error for a known failure, or null to let it become a generic 500. */
export function toTRPCError(cause: unknown): TRPCError | null {
  if (cause instanceof RuleError) return trpcFromRule(cause);
  if (cause instanceof MembershipInputError) {
    const code: RuleErrorCode = cause.code === "not_found" ? "NOT_FOUND" : cause.code === "conflict" ? "CONFLICT" : "BAD_REQUEST";
    const message = cause.message.startsWith(`${cause.field}: `) ? cause.message.slice(cause.field.length + 2) : cause.message;
    return trpcFromRule(new RuleError(code, [violation(cause.field, cause.code, message)]));
  }
  const pg = cause as PgErrorLike | null;
  if (pg && typeof pg === "object" && pg.code === "23505" && typeof pg.constraint === "string") {
    const known = UNIQUE_FIELDS[pg.constraint];
    if (known) return trpcFromRule(conflict(known[0], "duplicate", known[1]));
  }
  const prismaConstraint = prismaUniqueConstraint(cause);
  const known = prismaConstraint ? UNIQUE_FIELDS[prismaConstraint] : undefined;
  if (known) return trpcFromRule(conflict(known[0], "duplicate", known[1]));
  return null;
}
