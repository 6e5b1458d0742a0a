import { z } from "zod";
import { orgPathSchema, yearSchema } from "../schemas.js";

export const setTargetInputSchema = z.object({
  /** The organization whose subtree the plan is for. */
  orgPath: orgPathSchema,
  year: yearSchema,
  /** Admissions planned for the subtree that year (chỉ tiêu kết nạp). */
  admissionsPlan: z.number().int({ message: "must be a whole number" }).min(0, { message: "must be 0 or more" }).max(1_000_000, { message: "must be at most 1,000,000" }),
});
export const setTargetOutputSchema = z.object({
  orgPath: z.string(),
  orgId: z.number().int(),
  year: z.number().int(),
  admissionsPlan: z.number().int(),
  previous: z.number().int().nullable(),
});

export type SetTargetInput = z.input<typeof setTargetInputSchema>;
export type SetTargetOutput = z.output<typeof setTargetOutputSchema>;
