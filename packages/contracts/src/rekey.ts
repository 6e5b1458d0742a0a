// `<service>.restructuring.rekey`: the scope-key rewrite every service that stores organization paths
// exposes to restructuring's saga (issue #14, docs/restructuring.md "Rekey"). Same schemas in inspection,
// personnel and conference; each contract package re-exports them at its router path.
import { z } from "zod";
import { ORG_PATH_PATTERN, ROOT_ORG_PATH } from "./org-path.js";

// Vietnamese first, then English (the house rule for every user-visible message).
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const rekeyDateSchema = z
  .string({ message: "phải là ngày dạng yyyy-mm-dd / must be a date yyyy-mm-dd" })
  .refine((v) => CALENDAR_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: "phải là một ngày có thật dạng yyyy-mm-dd / must be a calendar date yyyy-mm-dd",
  });

/** A path a move may name: a real organization path, never the root (moving `/` would move everything). */
export const movablePathSchema = z
  .string({ message: "phải là đường dẫn tổ chức đảng, ví dụ /01/02/ / must be an organization path like /01/02/" })
  .max(1024, { message: "đường dẫn quá dài / the path is too long" })
  .regex(ORG_PATH_PATTERN, { message: "phải là đường dẫn tổ chức đảng, ví dụ /01/02/ (có / ở đầu và cuối) / must be an organization path like /01/02/ (leading and trailing /)" })
  .refine((v) => v !== ROOT_ORG_PATH, { message: "không được là gốc / / must not be the root /" });

export const REKEY_MAX_MOVES = 5000;

export const rekeyMoveSchema = z
  .object({ fromPath: movablePathSchema, toPath: movablePathSchema })
  .refine((m) => m.fromPath !== m.toPath, { message: "đường dẫn mới phải khác đường dẫn cũ / toPath must differ from fromPath", path: ["toPath"] });

/** The caller's key for a rewrite (restructuring: plan + province + step): a repeat answers the first result. */
export const rekeyIdempotencyKeySchema = z
  .string({ message: "là bắt buộc / is required" })
  .min(1, { message: "không được để trống / must not be empty" })
  .max(200, { message: "không quá 200 ký tự / must be at most 200 characters" });

export const rekeyInputSchema = z
  .object({
    idempotencyKey: rekeyIdempotencyKeySchema,
    /** The day the units change (the plan's effective date). */
    effectiveOn: rekeyDateSchema,
    /** Old subtree → new subtree; a stored path is rewritten by the longest fromPath it starts with. */
    moves: z
      .array(rekeyMoveSchema, { message: "phải là danh sách chuyển đường dẫn / must be a list of moves" })
      .min(1, { message: "phải có ít nhất 1 chuyển đổi / must hold at least 1 move" })
      .max(REKEY_MAX_MOVES, { message: `không quá ${REKEY_MAX_MOVES} chuyển đổi / must hold at most ${REKEY_MAX_MOVES} moves` }),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.moves.forEach((m, i) => {
      if (seen.has(m.fromPath)) ctx.addIssue({ code: "custom", path: ["moves", i, "fromPath"], message: "đường dẫn cũ đã có trong danh sách / this fromPath is already moved" });
      seen.add(m.fromPath);
    });
  });

export const rekeyOutputSchema = z.object({
  idempotencyKey: z.string(),
  /** Rows rewritten per table (snake_case table name). */
  records: z.record(z.string(), z.number().int()),
  /** true when this key had already been applied: the stored result, nothing rewritten now. */
  replayed: z.boolean(),
});

/** The payload of `<service>.restructuring.rekeyed` (outbox): what moved, how many rows per table. */
export const rekeyedEventSchema = z.object({
  idempotencyKey: z.string(),
  effectiveOn: z.string(),
  moves: z.array(z.object({ fromPath: z.string(), toPath: z.string() })),
  records: z.record(z.string(), z.number().int()),
});

export type RekeyInput = z.output<typeof rekeyInputSchema>;
export type RekeyOutput = z.output<typeof rekeyOutputSchema>;
export type RekeyMove = z.output<typeof rekeyMoveSchema>;
