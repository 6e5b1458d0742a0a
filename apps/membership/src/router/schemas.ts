// Input and output shapes shared by several procedures. Dates are calendar dates "yyyy-mm-dd" (no time
// zone; domain dates.ts), instants ISO-8601 strings; ids are the tables' integer ids.
import { orgPathSchema, paginationInputSchema } from "@orgboard/contracts";
import { z } from "zod";
import { isIsoDate } from "@orgboard/locale-vi";
import { GENDERS, MEMBER_STATUSES, ORG_KINDS, SECTORS } from "../domain/enums.js";
import { invalid } from "./errors.js";

export { orgPathSchema, paginationInputSchema };

export const idSchema = z.number({ message: "must be a record id (a whole number)" }).int({ message: "must be a whole number" }).min(1, { message: "must be a record id (≥ 1)" }).max(2_147_483_647, { message: "is not a record id" });

export const isoDateSchema = z.string({ message: "must be a date yyyy-mm-dd" }).refine(isIsoDate, { message: "must be a calendar date yyyy-mm-dd" });

export const yearSchema = z.number({ message: "must be a year" }).int({ message: "must be a whole year" }).min(1930, { message: "must be 1930 or later" }).max(2100, { message: "must be 2100 or earlier" });

export const requiredText = (max: number) =>
  z.string({ message: "is required" }).trim().min(1, { message: "is required" }).max(max, { message: `must be at most ${max} characters` });

/** Optional free text: "" and null clear it. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null || v === "" ? null : v));

export const fullNameSchema = requiredText(100).refine((v) => /^\p{L}[\p{L}\p{M} .'-]*$/u.test(v.normalize("NFC")), {
  message: "must contain letters and spaces only",
});

/** The 12-digit national ID (căn cước); its agreement with birth date and gender is checked by the procedure. */
export const nationalIdSchema = z.string({ message: "is required" }).trim().regex(/^\d{12}$/, { message: "must be 12 digits" });

/** Party-record numbers (decisions, certificates): what the offices write, bounded. */
export const documentNumberSchema = z.string().trim().min(1, { message: "is required" }).max(50, { message: "must be at most 50 characters" });

export const genderSchema = z.enum(GENDERS, { message: `must be one of ${GENDERS.join(", ")}` });
export const orgKindSchema = z.enum(ORG_KINDS, { message: `must be one of ${ORG_KINDS.join(", ")}` });
export const sectorSchema = z.enum(SECTORS, { message: `must be one of ${SECTORS.join(", ")}` });
export const memberStatusSchema = z.enum(MEMBER_STATUSES, { message: `must be one of ${MEMBER_STATUSES.join(", ")}` });

export const cellVoteSchema = z.object({
  inFavor: z.number().int().min(0),
  officialMembers: z.number().int().min(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

// ---- Cursors: opaque to clients (base64url of the keyset position) ---------------------------------

export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

type CursorKind = "string" | "number" | "date";

// Each position value must fit the column it is compared with: a forged cursor is a 400, never a 500.
const CURSOR_CHECKS: Record<CursorKind, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string" && v.length <= 1024,
  number: (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 2_147_483_647,
  date: (v) => isIsoDate(v),
};

/** Decodes a cursor made by encodeCursor with the given element types; BAD_REQUEST "cursor" otherwise. */
export function decodeCursor<const K extends readonly CursorKind[]>(
  cursor: string | null | undefined,
  kinds: K,
): { [I in keyof K]: K[I] extends "number" ? number : string } | null {
  if (cursor === null || cursor === undefined || cursor === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length || parsed.some((v, i) => !CURSOR_CHECKS[kinds[i]!](v))) {
    throw invalid("cursor", "bad_cursor", "is not a cursor returned by this list");
  }
  return parsed as never;
}

/** Today's date must not be passed: "no future dates" for records of things that happened. */
export function notAfterToday(date: string, today: string, field: string) {
  return date > today ? [{ field, code: "in_future", message: `${date} is in the future (today is ${today})` }] : [];
}
