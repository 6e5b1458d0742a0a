// A yearly inspection and supervision program as its procedures answer it.
import { z } from "zod";
import { PROGRAM_OWNERS } from "../enums.js";
import { subjectViewSchema } from "../schemas.js";

export const programItemViewSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  subject: subjectViewSchema,
  content: z.string(),
  quarter: z.number().int(),
  completedOn: z.string().nullable(),
});
export type ProgramItemView = z.infer<typeof programItemViewSchema>;

export const programSummarySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  owner: z.object({ kind: z.enum(PROGRAM_OWNERS), orgPath: z.string(), orgName: z.string() }),
  title: z.string(),
  itemCount: z.number().int(),
  completedCount: z.number().int(),
  createdAt: z.string(),
});
export type ProgramSummary = z.infer<typeof programSummarySchema>;

export const programViewSchema = programSummarySchema.extend({ items: z.array(programItemViewSchema) });
export type ProgramView = z.infer<typeof programViewSchema>;
