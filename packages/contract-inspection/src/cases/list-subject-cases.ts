import { z } from "zod";
import { decisionViewSchema } from "../discipline/decision-view.js";
import { inspectionViewSchema } from "../inspections/inspection-view.js";
import { subjectRefSchema } from "../schemas.js";
import { supervisionViewSchema } from "../supervisions/supervision-view.js";

/** Every case about one member or organization that the caller may see, newest first. */
export const listSubjectCasesInputSchema = z.object({ subject: subjectRefSchema });
export const listSubjectCasesOutputSchema = z.object({
  inspections: z.array(inspectionViewSchema),
  supervisions: z.array(supervisionViewSchema),
  decisions: z.array(decisionViewSchema),
});

export type ListSubjectCasesInput = z.input<typeof listSubjectCasesInputSchema>;
export type ListSubjectCasesOutput = z.output<typeof listSubjectCasesOutputSchema>;
