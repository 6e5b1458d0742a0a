import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { memberStatusSchema, orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const listMembersInputSchema = paginationInputSchema.extend({
  /** The subtree; absent = every subtree the caller may read. */
  orgPath: orgPathSchema.optional(),
  /** Default: active members (probationary and official). */
  status: z.array(memberStatusSchema).min(1).max(5).optional(),
  /** Name (accent- and case-insensitive, any part) or the start of a national ID (4–12 digits). */
  search: z.string().trim().min(1).max(100).optional(),
});
/** In Vietnamese name order: given name, middle names, family name (the stored sort key). */
export const listMembersOutputSchema = pageOf(memberViewSchema);

export type ListMembersInput = z.input<typeof listMembersInputSchema>;
export type ListMembersOutput = z.output<typeof listMembersOutputSchema>;
