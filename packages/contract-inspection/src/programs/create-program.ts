import { z } from "zod";
import { PROGRAM_OWNERS } from "../enums.js";
import { bi, lineText, longText, oneOf, orgPathSchema, subjectRefSchema, yearSchema } from "../schemas.js";
import { programViewSchema } from "./program-view.js";

export const programItemInputSchema = z.object({
  subject: subjectRefSchema,
  content: longText(2000),
  quarter: z.number({ message: bi("phải là quý 1–4", "must be a quarter 1–4") }).int({ message: bi("phải là quý 1–4", "must be a quarter 1–4") }).min(1, { message: bi("phải là quý 1–4", "must be a quarter 1–4") }).max(4, { message: bi("phải là quý 1–4", "must be a quarter 1–4") }),
});

export const createProgramInputSchema = z.object({
  year: yearSchema,
  /** Whose program: the committee, its standing committee or its commission. */
  ownerKind: z.enum(PROGRAM_OWNERS, { message: oneOf(PROGRAM_OWNERS) }),
  /** The owning body's organization; every item's subject lies inside it. */
  ownerOrgPath: orgPathSchema,
  title: lineText(300),
  items: z.array(programItemInputSchema).min(1, { message: bi("cần ít nhất một nội dung", "needs at least one item") }).max(500, { message: bi("không quá 500 nội dung", "at most 500 items") }),
});
export const createProgramOutputSchema = programViewSchema;

export type CreateProgramInput = z.input<typeof createProgramInputSchema>;
export type CreateProgramOutput = z.output<typeof createProgramOutputSchema>;
