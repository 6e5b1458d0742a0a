// Input pieces of the petitions and watch-list procedures: text that refuses control characters (NUL and
// the rest of C0/C1, issue #9: a 400 naming the field, never a 500), calendar dates yyyy-mm-dd, ids, each
// message Vietnamese first, then English.
import { isOrgPath } from "@orgboard/contracts";
import { z } from "zod";

export const bi = (vi: string, en: string) => `${vi} / ${en}`;

// C0 and C1 controls and DEL; multi-line text keeps tab, line feed and carriage return. Matching control
// characters is the point here, hence the lint exception.
/* eslint-disable no-control-regex */
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

const noControl = (multiline: boolean) => (v: string) => !(multiline ? CONTROL_TEXT : CONTROL_LINE).test(v);
const CONTROL_MESSAGE = bi("không được chứa ký tự điều khiển", "must not contain control characters");

function text(max: number, multiline: boolean) {
  return z
    .string({ error: bi("phải là chuỗi ký tự", "must be text") })
    .refine(noControl(multiline), { error: CONTROL_MESSAGE, abort: true })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, { error: bi("không được để trống", "is required") })
        .max(max, { error: bi(`tối đa ${max} ký tự`, `must be at most ${max} characters`) }),
    );
}

/** Required one-line text (names, titles): no control character at all. */
export const lineText = (max: number) => text(max, false);
/** Required free text (content, conclusions): line breaks and tabs allowed, other controls refused. */
export const longText = (max: number) => text(max, true);
function optionalText(max: number, multiline: boolean) {
  return z
    .string({ error: bi("phải là chuỗi ký tự", "must be text") })
    .refine(noControl(multiline), { error: CONTROL_MESSAGE, abort: true })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(z.string().max(max, { error: bi(`tối đa ${max} ký tự`, `must be at most ${max} characters`) }))
    .nullish()
    .transform((v) => (v === undefined || v === null || v === "" ? null : v));
}

/** Optional one-line text: absent, null or blank ⇒ null. */
export const optionalLineText = (max: number) => optionalText(max, false);
/** Optional free text, like `longText`. */
export const optionalLongText = (max: number) => optionalText(max, true);

function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A calendar date on the wire, yyyy-mm-dd, that exists (no 2025-02-30). */
export const calendarDate = z
  .string({ error: bi("phải là ngày dạng yyyy-mm-dd", "must be a date yyyy-mm-dd") })
  .refine(isCalendarDate, { error: bi("phải là một ngày có thật, dạng yyyy-mm-dd", "must be a calendar date yyyy-mm-dd"), abort: true })
  .refine((v) => v >= "1930-01-01" && v <= "2100-12-31", { error: bi("phải trong khoảng 1930–2100", "must be between 1930 and 2100") });

/** An inspection record id (uuid v7). */
export const recordId = z.uuid({ error: bi("phải là mã bản ghi (UUID)", "must be a record id (UUID)") });

/** membership's member id. */
export const memberIdSchema = z
  .number({ error: bi("phải là mã đảng viên (số nguyên)", "must be a member id (a whole number)") })
  .int({ error: bi("phải là số nguyên", "must be a whole number") })
  .min(1, { error: bi("phải là mã đảng viên (≥ 1)", "must be a member id (≥ 1)") })
  .max(2_147_483_647, { error: bi("không phải mã đảng viên", "is not a member id") });

/** A list's page size and opaque cursor (the `nextCursor` of the previous page). */
export const pageInput = {
  limit: z.number({ error: bi("phải là số", "must be a number") }).int().min(1, { error: bi("ít nhất 1", "must be at least 1") }).max(200, { error: bi("tối đa 200", "must be at most 200") }).default(50),
  cursor: z.uuid({ error: bi("không phải con trỏ trang đã trả về", "is not a cursor returned by a previous page") }).nullish(),
};

/** An organization path (/, /01/, /01/01-007/): the same check as @orgboard/contracts', a bilingual message. */
export const orgPathInput = z
  .string({ error: bi("phải là đường dẫn tổ chức", "must be an organization path") })
  .refine(isOrgPath, { error: bi("phải là đường dẫn tổ chức như /01/01-007/ (có / ở đầu và cuối)", "must be an organization path like /01/01-007/ (leading and trailing /)") });
