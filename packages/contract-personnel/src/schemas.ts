// Input pieces shared by the personnel procedures. The bilingual building blocks (dates, paths, texts,
// ids, pagination) are contract-inspection's, reused rather than copied (same messages, same rules).
import { bi, oneOf } from "@orgboard/contract-inspection";
import { z } from "zod";

export { bi, idSchema, isoDateSchema, lineText, longText, membershipIdSchema, oneOf, orgPathSchema, paginationInputSchema, yearSchema, decisionNumberSchema } from "@orgboard/contract-inspection";

/** A Vietnamese citizen identity number (căn cước): 12 digits. */
export const nationalIdSchema = z
  .string({ message: bi("phải là số căn cước 12 chữ số", "must be a 12-digit national ID number") })
  .regex(/^\d{12}$/, { message: bi("phải là số căn cước 12 chữ số", "must be a 12-digit national ID number") });

/** A non-negative count (vote tallies). */
export const countSchema = z
  .number({ message: bi("phải là số", "must be a number") })
  .int({ message: bi("phải là số nguyên", "must be a whole number") })
  .min(0, { message: bi("không được âm", "must not be negative") })
  .max(10_000_000, { message: bi("quá lớn", "is too large") });

export const enumOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: oneOf(values) });
