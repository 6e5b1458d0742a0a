// `<service>.audit.search`: the audit trail of the caller's scope, for role `auditor` (docs/security.md
// "Audit trail"). Same schemas in every service; each contract package re-exports them at its router path.
import { z } from "zod";
import { paginationInputSchema } from "./common.js";
import { orgPathSchema } from "./org-path.js";

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Vietnamese first, then English (the house rule for every user-visible message).
const dateSchema = z
  .string({ message: "phải là ngày dạng yyyy-mm-dd / must be a date yyyy-mm-dd" })
  .refine((v) => CALENDAR_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: "phải là một ngày có thật dạng yyyy-mm-dd / must be a calendar date yyyy-mm-dd",
  });
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: "không được để trống / must not be empty" })
    .max(max, { message: `không quá ${max} ký tự / must be at most ${max} characters` });

export const AUDIT_RECORD_KINDS = ["change", "read"] as const;

export const auditSearchInputSchema = paginationInputSchema
  .extend({
    /** Records of this subtree (within the caller's scope; outside it, nothing). Default: all of the caller's scope. */
    orgPath: orgPathSchema.optional(),
    actor: filterText(200).optional(),
    /** Exact action, e.g. `membership.members.update`. */
    action: filterText(200).optional(),
    entity: filterText(100).optional(),
    entityId: filterText(100).optional(),
    kind: z.enum(AUDIT_RECORD_KINDS).optional(),
    /** First and last day (inclusive, Vietnam time UTC+7). */
    from: dateSchema.optional(),
    to: dateSchema.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "không được trước ngày bắt đầu (from) / must not be before from", path: ["to"] });

export const auditRecordViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(AUDIT_RECORD_KINDS),
  actor: z.string(),
  requestId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  orgPath: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

/** Newest first; `nextCursor` continues with older records. */
export const auditSearchOutputSchema = z.object({ items: z.array(auditRecordViewSchema), nextCursor: z.string().nullable() });

export type AuditSearchInput = z.input<typeof auditSearchInputSchema>;
export type AuditSearchOutput = z.output<typeof auditSearchOutputSchema>;
export type AuditRecordView = z.output<typeof auditRecordViewSchema>;
