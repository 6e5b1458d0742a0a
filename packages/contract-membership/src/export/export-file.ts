import { z } from "zod";
import { FILE_FORMATS } from "../enums.js";
import { orgPathSchema } from "../schemas.js";

export const exportFileInputSchema = z.object({
  orgPath: orgPathSchema,
  format: z.enum(FILE_FORMATS, { message: "must be csv or xlsx" }),
});
/** The file in the import template (re-importable as is). */
export const exportFileOutputSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  rows: z.number().int(),
  fileBase64: z.string(),
});

export type ExportFileInput = z.input<typeof exportFileInputSchema>;
export type ExportFileOutput = z.output<typeof exportFileOutputSchema>;
