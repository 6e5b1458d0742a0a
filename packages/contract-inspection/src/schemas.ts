// Input and output pieces shared by several inspection procedures. Dates are calendar dates "yyyy-mm-dd",
// instants ISO-8601 strings, ids UUIDv7 (inspection's) or integers (membership's members and
// organizations). A failed check answers BAD_REQUEST with `fieldErrors: [{ path, message }]` naming the
// field; every message is Vietnamese first, then English.
import { ORG_PATH_PATTERN } from "@orgboard/contracts";
import { z } from "zod";
import { CONDUCTOR_KINDS, SUBJECT_KINDS } from "./enums.js";

/** "<vi> / <en>" (the same form as server-kit's `bilingual`; a contract depends on no server package). */
export const bi = (vi: string, en: string) => `${vi} / ${en}`;

/** An organization path (0001), as @orgboard/contracts' orgPathSchema, with a Vietnamese-first message. */
export const orgPathSchema = z
  .string({ message: bi("phải là đường dẫn tổ chức đảng, ví dụ /01/01-007/", "must be an organization path like /01/01-007/") })
  .max(1024, { message: bi("đường dẫn quá dài", "the path is too long") })
  .regex(ORG_PATH_PATTERN, { message: bi("phải là đường dẫn tổ chức đảng, ví dụ /01/01-007/ (có / ở đầu và cuối)", "must be an organization path like /01/01-007/ (leading and trailing /)") });

/** Cursor pagination (as @orgboard/contracts' paginationInputSchema) with Vietnamese-first messages. */
export const paginationInputSchema = z.object({
  limit: z
    .number({ message: bi("phải là số từ 1 đến 200", "must be a number from 1 to 200") })
    .int({ message: bi("phải là số nguyên từ 1 đến 200", "must be a whole number from 1 to 200") })
    .min(1, { message: bi("phải từ 1 đến 200", "must be from 1 to 200") })
    .max(200, { message: bi("phải từ 1 đến 200", "must be from 1 to 200") })
    .default(50),
  cursor: z.string({ message: bi("phải là con trỏ trang", "must be a page cursor") }).max(512, { message: bi("con trỏ trang không hợp lệ", "is not a page cursor") }).nullish(),
});

export const oneOf = (values: readonly string[]) => bi(`phải là một trong: ${values.join(", ")}`, `must be one of ${values.join(", ")}`);

export const idSchema = z.uuid({ message: bi("phải là mã hồ sơ (UUID)", "must be a record id (UUID)") });

/** membership's integer ids (members, organizations). */
export const membershipIdSchema = z
  .number({ message: bi("phải là mã số (số nguyên)", "must be a record id (a whole number)") })
  .int({ message: bi("phải là số nguyên", "must be a whole number") })
  .min(1, { message: bi("phải là mã số ≥ 1", "must be a record id (≥ 1)") })
  .max(2_147_483_647, { message: bi("không phải mã số hợp lệ", "is not a record id") });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isCalendarDate(v: string): boolean {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && Number(m[1]) >= 1930 && Number(m[1]) <= 2100;
}
export const isoDateSchema = z
  .string({ message: bi("phải là ngày dạng yyyy-mm-dd", "must be a date yyyy-mm-dd") })
  .refine(isCalendarDate, { message: bi("phải là ngày có thật dạng yyyy-mm-dd (1930–2100)", "must be a calendar date yyyy-mm-dd (1930–2100)") });

export const yearSchema = z
  .number({ message: bi("phải là năm", "must be a year") })
  .int({ message: bi("phải là năm (số nguyên)", "must be a whole year") })
  .min(1930, { message: bi("phải từ năm 1930", "must be 1930 or later") })
  .max(2100, { message: bi("phải không quá năm 2100", "must be 2100 or earlier") });

// C0 controls (but tab, line feed and carriage return in a multi-line text), DEL and C1 controls: refused
// in every text (NUL would break PostgreSQL text, the rest hide content from whoever reads the record).
function hasControl(value: string, allowLineBreaks: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (allowLineBreaks && (c === 9 || c === 10 || c === 13)) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}
const noControl = bi("không được chứa ký tự điều khiển", "must not contain control characters");

function text(max: number, allowLineBreaks: boolean) {
  return z
    .string({ message: bi("là bắt buộc", "is required") })
    .refine((v) => !hasControl(v, allowLineBreaks), { message: noControl, abort: true })
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, { message: bi("không được để trống", "must not be empty") })
        .max(max, { message: bi(`không quá ${max} ký tự`, `must be at most ${max} characters`) }),
    );
}

/** A required one-line text (a title, a name), trimmed, without control characters. */
export const lineText = (max: number) => text(max, false);
/** A required multi-line text (content, findings, reasons): line breaks allowed, other controls not. */
export const longText = (max: number) => text(max, true);

/** A decision's number as the office writes it ("125-QĐ/UBKTTU"). */
export const decisionNumberSchema = lineText(50);

export const subjectKindSchema = z.enum(SUBJECT_KINDS, { message: oneOf(SUBJECT_KINDS) });
export const conductorKindSchema = z.enum(CONDUCTOR_KINDS, { message: oneOf(CONDUCTOR_KINDS) });

/** Whom a case is about: a member by membership's id, an organization by its path. */
export const subjectRefSchema = z.discriminatedUnion(
  "kind",
  [z.object({ kind: z.literal("member"), memberId: membershipIdSchema }), z.object({ kind: z.literal("organization"), orgPath: orgPathSchema })],
  { message: bi('phải là { kind: "member", memberId } hoặc { kind: "organization", orgPath }', 'must be { kind: "member", memberId } or { kind: "organization", orgPath }') },
);
export type SubjectRefInput = z.infer<typeof subjectRefSchema>;

/** The body that conducts a case: its kind and its organization. */
export const conductorSchema = z.object({ kind: conductorKindSchema, orgPath: orgPathSchema });
export type Conductor = z.infer<typeof conductorSchema>;

/** The subject as membership described it when the case was opened (a snapshot kept on the case). */
export const subjectViewSchema = z.object({
  kind: z.enum(SUBJECT_KINDS),
  memberId: z.number().int().nullable(),
  orgId: z.number().int().nullable(),
  name: z.string(),
  orgPath: z.string(),
  /** member status (official, probationary, …) or organization status (open, closed), when opened */
  status: z.string(),
});
export type SubjectView = z.infer<typeof subjectViewSchema>;

/** A page of a list: `nextCursor` is opaque, null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Filters every case list takes: a subtree (of the subject's organization) and a year (decided in). */
export const caseListFilters = {
  /** Only subjects inside this subtree (intersected with the caller's scope; outside it: nothing). */
  orgPath: orgPathSchema.optional(),
  year: yearSchema.optional(),
};
