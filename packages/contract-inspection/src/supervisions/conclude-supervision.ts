import { z } from "zod";
import { bi, decisionNumberSchema, idSchema, isoDateSchema, longText } from "../schemas.js";
import { supervisionViewSchema } from "./supervision-view.js";
import { inspectionViewSchema } from "../inspections/inspection-view.js";

export const concludeSupervisionInputSchema = z.object({
  supervisionId: idSchema,
  concludedOn: isoDateSchema,
  signsOfViolation: z.boolean({ message: bi("phải là true hoặc false", "must be true or false") }),
  findings: longText(20_000),
  /**
   * With signs of violation the supervision becomes an inspection (kind signs_of_violation, same conductor
   * and subject): the decision to inspect. Required then, refused otherwise.
   */
  inspection: z
    .object({
      decisionNumber: decisionNumberSchema,
      /** Default: the conclusion's date. */
      decidedOn: isoDateSchema.optional(),
      content: longText(4000),
      plannedEndOn: isoDateSchema.optional(),
    })
    .optional(),
});
export const concludeSupervisionOutputSchema = z.object({ supervision: supervisionViewSchema, inspection: inspectionViewSchema.nullable() });

export type ConcludeSupervisionInput = z.input<typeof concludeSupervisionInputSchema>;
export type ConcludeSupervisionOutput = z.output<typeof concludeSupervisionOutputSchema>;
