import { z } from "zod";
import { SURPLUS_POLICIES, SURPLUS_STATUSES } from "../enums.js";
import { enumOf, idSchema, isoDateSchema, lineText, orgPathSchema } from "../schemas.js";

/** (1.3) A cadre left without a post by a merger of units, and the policy applied, tracked to closure. */
export const surplusCaseViewSchema = z.object({
  caseId: z.string(),
  cadreId: z.string(),
  fullName: z.string(),
  sourceOrgPath: z.string(),
  mergedOn: z.string(),
  status: z.enum(SURPLUS_STATUSES),
  policy: z.enum(SURPLUS_POLICIES).nullable(),
  policyOn: z.string().nullable(),
  /** transfer: the organization the cadre goes to */
  toOrgPath: z.string().nullable(),
  closedOn: z.string().nullable(),
  note: z.string().nullable(),
});

/** Records a cadre left without a post by the merger of `sourceOrgPath` (its old unit) on `mergedOn`. */
export const recordSurplusInputSchema = z.object({ cadreId: idSchema, sourceOrgPath: orgPathSchema, mergedOn: isoDateSchema, note: lineText(500).optional() });
export const recordSurplusOutputSchema = surplusCaseViewSchema;

/** Applies (or changes, before closure) the policy: early retirement (checked), leaving with an allowance, transfer (to `toOrgPath`). */
export const applySurplusPolicyInputSchema = z.object({ caseId: idSchema, policy: enumOf(SURPLUS_POLICIES), decidedOn: isoDateSchema, toOrgPath: orgPathSchema.optional() });
export const applySurplusPolicyOutputSchema = surplusCaseViewSchema;

/** Closes a case whose policy has been carried out (retired, left, took up the new post). */
export const closeSurplusInputSchema = z.object({ caseId: idSchema, closedOn: isoDateSchema });
export const closeSurplusOutputSchema = surplusCaseViewSchema;

/** Cases of a subtree (at most 200, newest merger first): officers only; each cadre named is an audited read. */
export const listSurplusInputSchema = z.object({ orgPath: orgPathSchema.optional(), status: enumOf(SURPLUS_STATUSES).optional() });
export const listSurplusOutputSchema = z.object({ items: z.array(surplusCaseViewSchema) });

/** Resolved / total of a subtree, and counts per policy: the boards' figure. */
export const surplusFiguresInputSchema = z.object({ orgPath: orgPathSchema });
export const surplusFiguresOutputSchema = z.object({
  total: z.number().int(),
  resolved: z.number().int(),
  open: z.number().int(),
  policyApplied: z.number().int(),
  perPolicy: z.object({ early_retirement: z.number().int(), leave_with_allowance: z.number().int(), transfer: z.number().int() }),
});
export type SurplusCaseView = z.output<typeof surplusCaseViewSchema>;
