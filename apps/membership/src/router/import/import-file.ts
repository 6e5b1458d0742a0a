// Shared by import.members and import.orgs: decode and size-check the upload, hand it to the data
// layer's import (which validates every row, writes all or nothing, and records one audit record and
// one outbox event in its transaction), wake the event streams.
import { createHash } from "node:crypto";
import type { ImportFileInput } from "@orgboard/contract-membership";
import { recordCallerChange } from "@orgboard/events";
import type { ImportOptions, ImportResult } from "../../import/members.js";
import type { FileSource } from "../../import/read.js";
import type { Sql } from "../../db/sql.js";
import type { MembershipContext } from "../context.js";
import { invalid } from "../errors.js";
import { importMessages, text } from "@orgboard/messages";
import { assertNotProbing, FOREIGN_CLASH_REASON, recordForeignRefusal } from "../members/national-id.js";

type Importer = (db: Sql, file: FileSource, options: ImportOptions) => Promise<ImportResult>;

export async function runImport(
  ctx: MembershipContext & { principal: { subject: string }; action: string },
  input: ImportFileInput,
  importer: Importer,
): Promise<ImportResult> {
  const bytes = Buffer.from(input.fileBase64, "base64");
  const max = ctx.limits.importMaxBytes;
  if (bytes.length > max) {
    throw invalid("fileBase64", "too_large", text(importMessages.fileTooLarge(bytes.length, max)));
  }
  // A principal stopped for probing national IDs imports nothing either (national-id.ts).
  await assertNotProbing(ctx);
  const result = await importer(ctx.db, { bytes, format: input.format, name: input.fileName ?? `upload.${input.format}` }, {
    actor: ctx.principal.subject,
    requestId: ctx.requestId,
    today: ctx.today(),
    allowedOrgPaths: [input.orgPath],
  });
  if (result.ok) ctx.notify();
  else await recordRefusedImport(ctx, input, bytes, result);
  return result;
}

/**
 * A refused import leaves an audit record too (#9 finding 1), where the caller tried to import, in its own
 * transaction (the import's rolled back): the file's digest, its size and the counts, never the rows.
 * Clashes with records outside the caller's scope are also audited at "/" and counted against the caller.
 */
async function recordRefusedImport(ctx: MembershipContext & { principal: { subject: string }; action: string }, input: ImportFileInput, bytes: Buffer, result: Extract<ImportResult, { ok: false }>): Promise<void> {
  const file = { name: input.fileName ?? null, format: input.format, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
  await ctx.prisma.$transaction(async (tx) => {
    await recordCallerChange(tx, ctx, { entity: "Import", entityId: file.sha256, orgPath: input.orgPath, after: { refused: true, file, rows: result.rows, rejectedCount: result.rejectedCount } });
  });
  if (result.rejected.some((r) => r.reason === FOREIGN_CLASH_REASON)) await recordForeignRefusal(ctx, { orgPath: input.orgPath, nationalIds: [], file });
}
