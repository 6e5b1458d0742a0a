import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { restructuringNoticeSchema } from "../restructuring/notice.js";
import { orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const listOrgChildrenInputSchema = paginationInputSchema.extend({
  /** "/" lists the committees directly under the Central Committee (national scope only). */
  orgPath: orgPathSchema,
  includeClosed: z.boolean().default(false),
});
export const orgWithTotalSchema = orgViewSchema.extend({
  memberTotal: z.number().int(),
  /** (2.8) set while the child or part of its subtree is being restructured (đang sắp xếp), as orgs.get says it */
  restructuring: restructuringNoticeSchema.nullable().optional(),
});
export const listOrgChildrenOutputSchema = pageOf(orgWithTotalSchema);

export type ListOrgChildrenInput = z.input<typeof listOrgChildrenInputSchema>;
export type ListOrgChildrenOutput = z.output<typeof listOrgChildrenOutputSchema>;
export type OrgWithTotal = z.output<typeof orgWithTotalSchema>;
