import { z } from "zod";
import { CONGRESS_LEVELS } from "../enums.js";
import { bi, enumOf, isoDateSchema, orgPathSchema, yearSchema } from "../schemas.js";
import { congressViewSchema } from "./congress-view.js";

/** (1.2) The congress of an organization for a term (one per organization and term), planned for a day. */
export const createCongressInputSchema = z
  .object({ orgPath: orgPathSchema, level: enumOf(CONGRESS_LEVELS), termStartYear: yearSchema, termEndYear: yearSchema, plannedOn: isoDateSchema })
  .superRefine((v, ctx) => {
    if (v.termEndYear <= v.termStartYear) ctx.addIssue({ code: "custom", path: ["termEndYear"], message: bi("năm kết thúc nhiệm kỳ phải sau năm bắt đầu", "the term must end after it starts") });
  });
export const createCongressOutputSchema = congressViewSchema;
