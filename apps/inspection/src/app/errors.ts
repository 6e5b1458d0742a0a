// Refusals raised by the service's handlers. The router maps `code` to the tRPC error code; `reason` is a
// stable machine string tests and clients match on; the message is Vietnamese first, then English.
import { bilingual } from "@orgboard/server-kit";

export type RefusalCode = "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND";

export class Refusal extends Error {
  override readonly name = "Refusal";
  constructor(
    readonly code: RefusalCode,
    readonly reason: string,
    message: string,
    /** The input field the refusal is about, when there is one (a 400 names it). */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badInput = (field: string, reason: string, vi: string, en: string) => new Refusal("BAD_REQUEST", reason, bilingual(vi, en), field);
export const conflict = (reason: string, vi: string, en: string, field?: string) => new Refusal("CONFLICT", reason, bilingual(vi, en), field);

/**
 * The one answer for "does not exist" and "outside your scope" (docs/inspection.md, "Privacy"): same
 * code, same message, whatever the record is, so a caller learns nothing about what lies elsewhere.
 */
export const notFound = () => new Refusal("NOT_FOUND", "not_found", bilingual("không tìm thấy (hoặc ngoài phạm vi được giao)", "not found (or outside your scope)"));
