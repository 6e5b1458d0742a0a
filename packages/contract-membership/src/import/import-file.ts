import { z } from "zod";
import { FILE_FORMATS } from "../enums.js";
import { orgPathSchema } from "../schemas.js";

/** Base64 characters of the largest body the server accepts; the decoded size is checked against the service's limit. */
const MAX_BASE64_CHARS = 64 * 1024 * 1024;

export const importFileInputSchema = z.object({
  /** The subtree the file is for: every row must fall inside it (and so inside the caller's scope). */
  orgPath: orgPathSchema,
  format: z.enum(FILE_FORMATS, { message: "must be csv or xlsx" }),
  /** The file's bytes, base64 (the template: docs/import-template.md). */
  fileBase64: z
    .string({ message: "is required" })
    .min(1, { message: "is empty" })
    .max(MAX_BASE64_CHARS, { message: "is too large" })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "must be base64" }),
  fileName: z.string().trim().max(200).optional(),
});

const rejectedRow = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });

/** ok: everything was imported in one transaction; otherwise nothing was, and the rejected rows say why. */
export const importFileOutputSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), importId: z.string(), imported: z.number().int(), orgPath: z.string(), eventId: z.string().nullable() }),
  z.object({ ok: z.literal(false), rows: z.number().int(), rejectedCount: z.number().int(), rejected: z.array(rejectedRow) }),
]);

export type ImportFileInput = z.input<typeof importFileInputSchema>;
export type ImportFileOutput = z.output<typeof importFileOutputSchema>;
