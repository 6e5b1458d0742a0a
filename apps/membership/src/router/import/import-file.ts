// Shared by import.members and import.orgs: decode and size-check the upload, hand it to the data
// layer's import (which validates every row, writes all or nothing, and records one audit record and
// one outbox event in its transaction), wake the event streams.
import type { ImportFileInput } from "@orgboard/contract-membership";
import type { ImportOptions, ImportResult } from "../../import/members.js";
import type { FileSource } from "../../import/read.js";
import type { Sql } from "../../db/sql.js";
import type { MembershipContext } from "../context.js";
import { invalid } from "../errors.js";

type Importer = (db: Sql, file: FileSource, options: ImportOptions) => Promise<ImportResult>;

export async function runImport(
  ctx: MembershipContext & { principal: { subject: string } },
  input: ImportFileInput,
  importer: Importer,
): Promise<ImportResult> {
  const bytes = Buffer.from(input.fileBase64, "base64");
  const max = ctx.limits.importMaxBytes;
  if (bytes.length > max) {
    throw invalid("fileBase64", "too_large", `the file is ${bytes.length} bytes; at most ${max} bytes (${(max / 1048576).toFixed(1)} MiB) per import: split it`);
  }
  const result = await importer(ctx.db, { bytes, format: input.format, name: input.fileName ?? `upload.${input.format}` }, {
    actor: ctx.principal.subject,
    requestId: ctx.requestId,
    today: ctx.today(),
    allowedOrgPaths: [input.orgPath],
  });
  if (result.ok) ctx.notify();
  return result;
}
