// Input and output pieces shared by several membership procedures. Dates are calendar dates "yyyy-mm-dd"
// (no time zone; ./dates.ts), instants ISO-8601 strings; ids are the tables' integer ids. Messages are the
// English half: the service's error formatter puts the Vietnamese field name and text first.
import { orgPathSchema, paginationInputSchema } from "@orgboard/contracts";
import { z } from "zod";
import { isIsoDate } from "./dates.js";
import { GENDERS, MEMBER_STATUSES, ORG_KINDS, SECTORS } from "./enums.js";

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

/** A party card number (số thẻ đảng viên). */
export const partyCardNumberSchema = z.string().trim().regex(/^[0-9A-Za-z.-]{4,20}$/, { message: "must be 4–20 digits or letters" });

/** Administrative unit code (packages/admin-units, 2025 or 2024 edition). */
export const adminUnitCodeSchema = z.string().trim().regex(/^\d{2,5}$/, { message: "must be a province (2 digits) or commune (5 digits) code" });

export const genderSchema = z.enum(GENDERS, { message: `must be one of ${GENDERS.join(", ")}` });
export const orgKindSchema = z.enum(ORG_KINDS, { message: `must be one of ${ORG_KINDS.join(", ")}` });
export const sectorSchema = z.enum(SECTORS, { message: `must be one of ${SECTORS.join(", ")}` });
export const memberStatusSchema = z.enum(MEMBER_STATUSES, { message: `must be one of ${MEMBER_STATUSES.join(", ")}` });

export const cellVoteSchema = z.object({
  inFavor: z.number().int().min(0),
  officialMembers: z.number().int().min(0),
});
export type CellVote = z.infer<typeof cellVoteSchema>;

/** A page of a list: `nextCursor` is opaque, null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
