// `inspection.petitions.export`: the petitions of a subtree as a CSV file for the commission's records.
// It never carries the petitioner (sealed, and shown only to assigned inspectors), nor the petition's or the
// conclusion's text (free text may name the denouncer): subject, dates, status, deadline, outcome.
import { z } from "zod";
import { PETITION_KINDS } from "../enums.js";
import { orgPathInput } from "../input-text.js";
import { bi, yearSchema } from "../schemas.js";

/** The most rows one export holds; a larger subtree is exported by year or by a smaller subtree. */
export const MAX_PETITION_EXPORT_ROWS = 20_000;

export const exportPetitionsInputSchema = z.object({
  orgPath: orgPathInput,
  /** Petitions received in this year (all years when absent). */
  year: yearSchema.optional(),
  kind: z.enum(PETITION_KINDS, { error: bi(`phải là một trong ${PETITION_KINDS.join(", ")}`, `must be one of ${PETITION_KINDS.join(", ")}`) }).optional(),
});
export const exportPetitionsOutputSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  rows: z.number().int(),
  fileBase64: z.string(),
});

export type ExportPetitionsInput = z.input<typeof exportPetitionsInputSchema>;
export type ExportPetitionsOutput = z.output<typeof exportPetitionsOutputSchema>;
