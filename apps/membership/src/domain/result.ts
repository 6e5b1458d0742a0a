// Rule checks return violations instead of throwing: the router turns them into a BAD_REQUEST whose
// fieldErrors name the field, and the import turns them into per-row error lines.

export interface Violation {
  /** Path of the offending input field, e.g. "birthDate" or "introducers.0.workedTogetherSince". */
  field: string;
  /** Stable machine-readable code, e.g. "too_young". */
  code: string;
  /** The explanation with the numbers involved, Vietnamese first then English ("… / …", see `both`). */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; violations: Violation[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(violations: Violation[]): Result<T> {
  return { ok: false, violations };
}

/** A message as users read it: Vietnamese first, then English (the house form, as bilingual() of server-kit). */
export const both = (vi: string, en: string): string => `${vi} / ${en}`;

export function violation(field: string, code: string, message: string): Violation {
  return { field, code, message };
}

/** ok(value) when there are no violations, otherwise fail(violations). */
export function resultOf<T>(violations: Violation[], value: () => T): Result<T> {
  return violations.length === 0 ? ok(value()) : fail(violations);
}
