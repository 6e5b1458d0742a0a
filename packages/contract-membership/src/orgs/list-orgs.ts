import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { restructuringNoticeSchema } from "../restructuring/notice.js";
import { orgKindSchema, orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const listOrgsInputSchema = paginationInputSchema.extend({
  /** The subtree to list; absent = every subtree the caller may read. */
  orgPath: orgPathSchema.optional(),
  kind: orgKindSchema.optional(),
  /** Name or code, accent- and case-insensitive ("hoa binh" finds "Hòa Bình"). */
  search: z.string().trim().min(1).max(100).optional(),
  includeClosed: z.boolean().default(false),
});
/** (2.7) each item says whether it lies in a subtree being restructured (đang sắp xếp). */
export const listOrgsOutputSchema = pageOf(orgViewSchema.extend({ restructuring: restructuringNoticeSchema.nullable().optional() }));

export type ListOrgsInput = z.input<typeof listOrgsInputSchema>;
export type ListOrgsOutput = z.output<typeof listOrgsOutputSchema>;
