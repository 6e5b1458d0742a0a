import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { orgKindSchema, orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const ZListOrgsInput = paginationInputSchema.extend({
  /** The subtree to list; absent = every subtree the caller may read. */
  orgPath: orgPathSchema.optional(),
  kind: orgKindSchema.optional(),
  /** Name or code, accent- and case-insensitive ("hoa binh" finds "Hòa Bình"). */
  search: z.string().trim().min(1).max(100).optional(),
  includeClosed: z.boolean().default(false),
});
export const ZListOrgsOutput = pageOf(orgViewSchema);
