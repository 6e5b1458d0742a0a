// A rule's refusal, bilingual (Vietnamese first): `reason` is a stable machine string tests and clients
// match on, `field` the input it is about (router/procedure.ts answers a 400 naming it).
import { bilingual } from "@orgboard/server-kit";

export { bilingual };

export type RuleErrorCode = "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND";

export class RuleError extends Error {
  override readonly name = "RuleError";
  constructor(
    readonly code: RuleErrorCode,
    readonly reason: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A refusal found by a check (checks return these; the caller throws the first). */
export interface Refusal {
  reason: string;
  field: string;
  vi: string;
  en: string;
}

export const refusal = (reason: string, field: string, vi: string, en: string): Refusal => ({ reason, field, vi, en });

export function throwFirst(refusals: readonly Refusal[], code: RuleErrorCode = "CONFLICT"): void {
  const r = refusals[0];
  if (r) throw new RuleError(code, r.reason, bilingual(r.vi, r.en), r.field);
}
