// Input pieces of the petitions and watch-list procedures beyond ./schemas.ts (which they share: `bi`,
// `lineText`, `longText`, `isoDateSchema`, `idSchema`, `membershipIdSchema`, `subjectRefSchema`): optional
// text (blank ⇒ null) refusing control characters like the required kinds (issue #9: a 400 naming the
// field, never a 500), a bilingual organization path, a page.
import { isOrgPath } from "@orgboard/contracts";
import { z } from "zod";
import { bi } from "./schemas.js";

// C0 and C1 controls and DEL; multi-line text keeps tab, line feed and carriage return (as ./schemas.ts).
// Matching control characters is the point here, hence the lint exception.
/* eslint-disable no-control-regex */
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

function optionalText(max: number, multiline: boolean) {
  return z
    .string({ error: bi("phải là chuỗi ký tự", "must be text") })
    .refine((v) => !(multiline ? CONTROL_TEXT : CONTROL_LINE).test(v), { error: bi("không được chứa ký tự điều khiển", "must not contain control characters"), abort: true })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(z.string().max(max, { error: bi(`không quá ${max} ký tự`, `must be at most ${max} characters`) }))
    .nullish()
    .transform((v) => (v === undefined || v === null || v === "" ? null : v));
}

/** Optional one-line text: absent, null or blank ⇒ null. */
export const optionalLineText = (max: number) => optionalText(max, false);
/** Optional free text (line breaks allowed), like `optionalLineText`. */
export const optionalLongText = (max: number) => optionalText(max, true);

/** An organization path (/, /01/, /01/01-007/): the same check as @orgboard/contracts', a bilingual message. */
export const orgPathInput = z
  .string({ error: bi("phải là đường dẫn tổ chức", "must be an organization path") })
  .refine(isOrgPath, { error: bi("phải là đường dẫn tổ chức như /01/01-007/ (có / ở đầu và cuối)", "must be an organization path like /01/01-007/ (leading and trailing /)") });

/** A list's page size and opaque cursor (the `nextCursor` of the previous page). */
export const pageInput = {
  limit: z.number({ error: bi("phải là số", "must be a number") }).int().min(1, { error: bi("ít nhất 1", "must be at least 1") }).max(200, { error: bi("tối đa 200", "must be at most 200") }).default(50),
  cursor: z.uuid({ error: bi("không phải con trỏ trang đã trả về", "is not a cursor returned by a previous page") }).nullish(),
};
