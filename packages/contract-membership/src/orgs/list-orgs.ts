import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { orgKindSchema, orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const listOrgsInputSchema = paginationInputSchema.extend({
  /** The subtree to list; absent = every subtree the caller may read. */
  orgPath: orgPathSchema.optional(),
  kind: orgKindSchema.optional(),
  /** Name or code, accent- and case-insensitive ("hoa binh" finds "Hòa Bình"). */
  search: z.string().trim().min(1).max(100).optional(),
  includeClosed: z.boolean().default(false),
});
export const listOrgsOutputSchema = pageOf(orgViewSchema);

export type ListOrgsInput = z.input<typeof listOrgsInputSchema>;
export type ListOrgsOutput = z.output<typeof listOrgsOutputSchema>;
