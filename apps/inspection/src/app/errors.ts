// Refusals the handlers raise besides the domain's rules (domain/errors.ts: DomainError, badRequest,
// conflict): the one NOT_FOUND, and a 400 naming a field.
import { bilingual, DomainError } from "../domain/index.js";

/**
 * The one answer for "does not exist" and "outside your scope" (docs/inspection.md, "Privacy"): same
 * code, same message whatever the record is, so a caller learns nothing about what lies elsewhere.
 * `field` says which input named it (the answer is the same whichever way it is missing).
 */
export function notFound(field?: string): DomainError {
  return new DomainError("NOT_FOUND", "not_found", bilingual("không tìm thấy (hoặc ngoài phạm vi được giao)", "not found (or outside your scope)") + (field ? ` (${field})` : ""), field);
}

/** A 400 naming the field (Vietnamese first). */
export function invalid(field: string, reason: string, vi: string, en: string): DomainError {
  return new DomainError("BAD_REQUEST", reason, bilingual(vi, en), field);
}

/** A date of record cannot lie after today (Vietnam's calendar day of the service's clock). */
export function assertNotFuture(field: string, date: string, today: string): void {
  if (date > today) throw invalid(field, "date_in_future", `Ngày ${date} chưa tới (hôm nay là ${today})`, `The date ${date} is in the future (today is ${today})`);
}
