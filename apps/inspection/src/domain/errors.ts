// Domain rule violations and "not handled" reasons, bilingual (Vietnamese first, then English: the
// product's rule). `code`/`reason` are stable machine strings clients and tests match on; `field` names
// the input field so router/procedure.ts can answer a 400 naming it, like apps/conference does.
import { bilingual } from "@orgboard/server-kit";

export { bilingual };

export type DomainErrorCode = "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND" | "FORBIDDEN";

/** Why a rule refused something: a stable code and the same text in Vietnamese and English. */
export interface Reason {
  code: string;
  vi: string;
  en: string;
  /** bilingual(vi, en): "<vi> / <en>" */
  message: string;
}

export function reason(code: string, vi: string, en: string): Reason {
  return { code, vi, en, message: bilingual(vi, en) };
}

/** A rule check's finding about one input field (rule checks return these instead of throwing). */
export interface Violation extends Reason {
  /** Path of the offending input field, e.g. "degree" or "findings.proposedForm". */
  field: string;
}

export function violation(field: string, code: string, vi: string, en: string): Violation {
  return { field, ...reason(code, vi, en) };
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    /** stable machine string, e.g. "illegal_transition" */
    readonly reason: string,
    /** bilingual message, Vietnamese first */
    message: string,
    /** the input field the error is about, when there is one */
    readonly field?: string,
  ) {
    super(message);
  }
}

export function badRequest(reason: string, vi: string, en: string, field?: string): DomainError {
  return new DomainError("BAD_REQUEST", reason, bilingual(vi, en), field);
}

export function conflict(reason: string, vi: string, en: string, field?: string): DomainError {
  return new DomainError("CONFLICT", reason, bilingual(vi, en), field);
}

/** Throws the first violation as a BAD_REQUEST naming its field; does nothing when there is none. */
export function throwIfViolations(violations: readonly Violation[]): void {
  const first = violations[0];
  if (first) throw new DomainError("BAD_REQUEST", first.code, first.message, first.field);
}
