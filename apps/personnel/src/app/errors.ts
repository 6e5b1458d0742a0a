// The refusals handlers raise besides the rules': the one NOT_FOUND, and a 400 naming a field.
import { bilingual, RuleError } from "../domain/index.js";

/**
 * The one answer for "does not exist" and "outside your scope": same code and message whatever the
 * record, so a caller learns nothing about what lies elsewhere; `field` names the input that named it.
 */
export function notFound(field?: string): RuleError {
  return new RuleError("NOT_FOUND", "not_found", bilingual("không tìm thấy (hoặc ngoài phạm vi được giao)", "not found (or outside your scope)") + (field ? ` (${field})` : ""), field);
}

export function invalid(field: string, reason: string, vi: string, en: string): RuleError {
  return new RuleError("BAD_REQUEST", reason, bilingual(vi, en), field);
}

export function conflict(field: string, reason: string, vi: string, en: string): RuleError {
  return new RuleError("CONFLICT", reason, bilingual(vi, en), field);
}

/** A date of record cannot lie after today. */
export function assertNotFuture(field: string, date: string, today: string): void {
  if (date > today) throw invalid(field, "date_in_future", `Ngày ${date} chưa tới (hôm nay là ${today})`, `The date ${date} is in the future (today is ${today})`);
}
