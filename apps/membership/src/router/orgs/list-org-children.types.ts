import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";

export const ZListOrgChildrenInput = paginationInputSchema.extend({
  /** "/" lists the committees directly under the Central Committee (national scope only). */
  orgPath: orgPathSchema,
  includeClosed: z.boolean().default(false),
});
export const ZOrgWithTotal = orgViewSchema.extend({ memberTotal: z.number().int() });
export const ZListOrgChildrenOutput = pageOf(ZOrgWithTotal);
