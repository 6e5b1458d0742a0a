import { z } from "zod";
import { importFileInputSchema, importFileOutputSchema } from "./import-file.js";

/** What a history file holds (docs/import-template.md "History"); one kind per file. */
export const HISTORY_IMPORT_KINDS = ["admissions", "recognitions", "cards", "badges", "ratings", "transfers", "removals", "org-ratings"] as const;
export type HistoryImportKind = (typeof HISTORY_IMPORT_KINDS)[number];

/**
 * Past years of the register's members (admissions with decision and ceremony dates, recognitions, party
 * cards, badges, ratings), all rows or none, with the same row errors as the member import (2.4); transfers,
 * removals and organizations' ratings (2.5).
 */
export const importHistoryInputSchema = importFileInputSchema.extend({
  kind: z.enum(HISTORY_IMPORT_KINDS, { message: `must be one of ${HISTORY_IMPORT_KINDS.join(", ")}` }),
});
export const importHistoryOutputSchema = importFileOutputSchema;

export type ImportHistoryInput = z.input<typeof importHistoryInputSchema>;
