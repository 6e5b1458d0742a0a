// membership.restructuring.*: what the restructuring service's saga calls (docs/restructuring.md, 2.6). Only
// restructuring's service account may call them (policy rows `membership.restructuring.*`). Every step is
// idempotent: its idempotency key is stored with the change in membership's own transaction, and a repeated
// call answers the stored result (`replayed: true`) and changes nothing.
import { z } from "zod";
import { ORG_KINDS } from "../enums.js";
import { orgCodeSchema } from "../orgs/create-org.js";
import { adminUnitCodeSchema, isoDateSchema, requiredText } from "../schemas.js";

const bi = (vi: string, en: string) => `${vi} / ${en}`;

/** plan id + province + step, chosen by the caller (restructuring's saga_step.idempotency_key). */
export const idempotencyKeySchema = z
  .string({ message: bi("bắt buộc", "is required") })
  .regex(/^[A-Za-z0-9:._-]{8,200}$/, { message: bi("phải là khóa chống lặp 8–200 ký tự (chữ, số, : . _ -)", "must be an idempotency key of 8–200 letters, digits, ':', '.', '_' or '-'") });

const provinceCodesSchema = z
  .array(z.string().regex(/^\d{2}$/, { message: bi("phải là mã tỉnh gồm 2 chữ số", "must be a 2-digit province code") }))
  .max(100, { message: bi("tối đa 100 tỉnh", "at most 100 provinces") });

const orgKindSchema = z.enum(ORG_KINDS, { message: bi(`phải là một trong ${ORG_KINDS.join(", ")}`, `must be one of ${ORG_KINDS.join(", ")}`) });

/** What every step answers: per kind of record, how many rows the step changed. */
export const stepResultSchema = z.object({
  idempotencyKey: z.string(),
  records: z.record(z.string(), z.number().int()),
  replayed: z.boolean(),
});
export type StepResult = z.output<typeof stepResultSchema>;

// ---- tree (read) --------------------------------------------------------------------------------------

/** The organization tree restructuring derives its changes from: every organization, open and closed. */
export const restructuringTreeInputSchema = z
  .object({
    /** Only the subtrees of these provinces' committees (root organizations attached to the unit); all when absent. */
    provinceCodes: provinceCodesSchema.optional(),
  })
  .strict();
export const restructuringTreeNodeSchema = z.object({
  code: z.string(),
  path: z.string(),
  parentCode: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  adminUnitCode: z.string().nullable(),
  closed: z.boolean(),
  /** active (probationary, official) members whose organization is this one */
  members: z.number().int(),
  /** inside a subtree being restructured (đang sắp xếp): its figures are not final */
  moving: z.boolean(),
});
export const restructuringTreeOutputSchema = z.object({ organizations: z.array(restructuringTreeNodeSchema) });
export type RestructuringTreeNode = z.output<typeof restructuringTreeNodeSchema>;

// ---- steps (mutations) -----------------------------------------------------------------------------------

const stepBase = { idempotencyKey: idempotencyKeySchema, effectiveOn: isoDateSchema };

/** Mark (moving: true) or unmark the subtrees of these organizations as being restructured. */
export const markInputSchema = z
  .object({ ...stepBase, orgCodes: z.array(orgCodeSchema).min(1, { message: bi("ít nhất một tổ chức", "at least one organization") }).max(500), moving: z.boolean() })
  .strict();

/** New committees (in order: a parent before its children) and continuing committees renamed/re-attached. */
export const createOrgsInputSchema = z
  .object({
    ...stepBase,
    create: z
      .array(z.object({ code: orgCodeSchema, kind: orgKindSchema, name: requiredText(300), parentCode: orgCodeSchema.nullable(), adminUnitCode: adminUnitCodeSchema }).strict())
      .max(20_000),
    update: z.array(z.object({ code: orgCodeSchema, name: requiredText(300), adminUnitCode: adminUnitCodeSchema }).strict()).max(20_000),
  })
  .strict();

/** A continuing committee's name and unit as they were before a createOrgs step changed them (2.9). */
export const formerOrgSchema = z
  .object({
    code: orgCodeSchema,
    name: requiredText(300),
    adminUnitCode: adminUnitCodeSchema.nullable(),
    adminUnitEdition: z.enum(["2024", "2025"], { message: bi("phải là 2024 hoặc 2025", "must be 2024 or 2025") }).nullable(),
  })
  .strict();
/**
 * createOrgs also answers `former`: the updated committees' name and unit before the step, in the order of
 * `update` (2.9; absent from answers stored before). A rollback hands them to restoreOrgs.
 */
export const createOrgsOutputSchema = stepResultSchema.extend({ former: z.array(formerOrgSchema).optional() });

/**
 * The rollback's compensation of createOrgs' updates (2.9, before the plan's effective date): puts back the
 * name and unit createOrgs answered in `former` on open organizations. A unit must exist in the edition given.
 */
export const restoreOrgsInputSchema = z
  .object({ ...stepBase, restore: z.array(formerOrgSchema).max(20_000) })
  .strict();

/** Organizations moved under another parent, with their whole subtree (paths rewritten; a new kind optionally). */
export const reparentInputSchema = z
  .object({
    ...stepBase,
    moves: z.array(z.object({ code: orgCodeSchema, toParentCode: orgCodeSchema, kind: orgKindSchema.optional() }).strict()).max(50_000),
  })
  .strict();
/** The reparent step also answers the path moves it made (what the other services' rekeys follow). */
export const reparentOutputSchema = stepResultSchema.extend({
  moves: z.array(z.object({ code: z.string(), fromPath: z.string(), toPath: z.string() })),
});

/** Organizations closed on effectiveOn (refused while members or open organizations remain in them). */
export const closeOrgsInputSchema = z
  .object({
    ...stepBase,
    close: z.array(z.object({ code: orgCodeSchema, successorCode: orgCodeSchema.nullable() }).strict()).max(50_000),
  })
  .strict();

/** Reopens organizations a closeOrgs step closed on effectiveOn (the saga's rollback, before that date). */
export const reopenOrgsInputSchema = z
  .object({ ...stepBase, codes: z.array(orgCodeSchema).max(50_000) })
  .strict();

// ---- conservation (read) ---------------------------------------------------------------------------------

export const conservationInputSchema = z
  .object({ orgCodes: z.array(orgCodeSchema).max(5_000, { message: bi("tối đa 5.000 tổ chức", "at most 5,000 organizations") }) })
  .strict();
export const conservationOutputSchema = z.object({
  /** active members in each named organization's subtree (now) */
  subtrees: z.array(z.object({ code: z.string(), path: z.string().nullable(), members: z.number().int() })),
  /** all active members */
  members: z.number().int(),
  /** active members on a closed organization */
  onClosed: z.number().int(),
  /** active members on an open organization that is not a cell */
  onNonCell: z.number().int(),
  /** open district-level committees (upper-grassroots committees attached to a 2024 district) */
  districtCommittees: z.number().int(),
});

export type RestructuringTreeInput = z.input<typeof restructuringTreeInputSchema>;
export type MarkInput = z.input<typeof markInputSchema>;
export type CreateOrgsInput = z.input<typeof createOrgsInputSchema>;
export type ReparentInput = z.input<typeof reparentInputSchema>;
export type ReparentOutput = z.output<typeof reparentOutputSchema>;
export type CloseOrgsInput = z.input<typeof closeOrgsInputSchema>;
export type ReopenOrgsInput = z.input<typeof reopenOrgsInputSchema>;
export type CreateOrgsOutput = z.output<typeof createOrgsOutputSchema>;
export type FormerOrg = z.output<typeof formerOrgSchema>;
export type RestoreOrgsInput = z.input<typeof restoreOrgsInputSchema>;
export type ConservationInput = z.input<typeof conservationInputSchema>;
export type ConservationOutput = z.output<typeof conservationOutputSchema>;
