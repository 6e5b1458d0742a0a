import { z } from "zod";
import { orgPathSchema, paginationInputSchema } from "../schemas.js";
import { cadreViewSchema } from "./cadre-view.js";

/** The cadres of a subtree in the caller's scope (each file returned is an audited read). */
export const listCadresInputSchema = paginationInputSchema.extend({ orgPath: orgPathSchema.optional() });
export const listCadresOutputSchema = z.object({ items: z.array(cadreViewSchema), nextCursor: z.string().nullable() });
