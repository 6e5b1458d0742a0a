import { z } from "zod";
import { orgPathSchema, yearSchema } from "../schemas.js";
import { congressViewSchema } from "./congress-view.js";

/** (1.2) The congresses of a subtree, optionally of one term (at most 500, by organization). */
export const listCongressesInputSchema = z.object({ orgPath: orgPathSchema, termStartYear: yearSchema.optional() });
export const listCongressesOutputSchema = z.object({ items: z.array(congressViewSchema) });
