import { z } from "zod";
import { COMMITTEES, POST_BODIES, POST_KINDS } from "../enums.js";
import { bi, enumOf, lineText, orgPathSchema, yearSchema } from "../schemas.js";
import { postViewSchema } from "./post-view.js";

/** A leadership post or a committee seat of an organization for a term. */
export const createPostInputSchema = z
  .object({
    orgPath: orgPathSchema,
    title: lineText(200),
    kind: enumOf(POST_KINDS),
    body: enumOf(POST_BODIES),
    committee: enumOf(COMMITTEES).nullable().default(null),
    termStartYear: yearSchema,
    termEndYear: yearSchema,
    membersOnly: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.termEndYear <= v.termStartYear) ctx.addIssue({ code: "custom", path: ["termEndYear"], message: bi("năm kết thúc nhiệm kỳ phải sau năm bắt đầu", "the term must end after it starts") });
    if (v.kind === "committee_seat" && v.committee === null) ctx.addIssue({ code: "custom", path: ["committee"], message: bi("ghế ủy viên phải nêu cấp ủy, ban thường vụ hoặc ủy ban kiểm tra", "a committee seat names its committee") });
    if (v.body === "party" && !v.membersOnly) ctx.addIssue({ code: "custom", path: ["membersOnly"], message: bi("chức vụ trong Đảng chỉ dành cho đảng viên", "a party post is for party members only") });
  });
export const createPostOutputSchema = postViewSchema;
