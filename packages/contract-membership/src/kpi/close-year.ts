import { z } from "zod";
import { orgPathSchema, yearSchema } from "../schemas.js";

/**
 * Closes a year's annual report of an organization's subtree (khóa sổ): the report as computed now is kept
 * as published, and `kpi.report` answers it for that year from then on, with later entries dated in the
 * year listed beside it as amendments. A year can be closed once, and only after it has ended.
 */
export const closeYearInputSchema = z.object({ orgPath: orgPathSchema, year: yearSchema });
export const closeYearOutputSchema = z.object({
  orgPath: z.string(),
  year: z.number().int(),
  /** the day it was closed (ISO) */
  closedOn: z.string(),
  closedBy: z.string(),
});

export type CloseYearInput = z.input<typeof closeYearInputSchema>;
export type CloseYearOutput = z.output<typeof closeYearOutputSchema>;
