import { z } from "zod";
import { CONGRESS_LEVELS } from "../enums.js";
import { orgPathSchema, yearSchema } from "../schemas.js";

/** (1.2) The congress season of a subtree for a term: congresses held / to hold per level (counts; the boards read it). */
export const congressSeasonInputSchema = z.object({ orgPath: orgPathSchema, termStartYear: yearSchema });
export const congressSeasonOutputSchema = z.object({
  termStartYear: z.number().int(),
  levels: z.array(z.object({ level: z.enum(CONGRESS_LEVELS), held: z.number().int(), toHold: z.number().int() })),
  held: z.number().int(),
  toHold: z.number().int(),
});
