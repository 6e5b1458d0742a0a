import { z } from "zod";
import { orgPathSchema } from "../schemas.js";

export const ZExportFileInput = z.object({
  orgPath: orgPathSchema,
  format: z.enum(["csv", "xlsx"], { message: "must be csv or xlsx" }),
});
/** The file in the import template (re-importable as is). */
export const ZExportFileOutput = z.object({
  fileName: z.string(),
  contentType: z.string(),
  rows: z.number().int(),
  fileBase64: z.string(),
});
