import { z } from "zod";
import { orgPathSchema, yearSchema } from "../schemas.js";

const ratio = z.object({ count: z.number().int(), percent: z.number().nullable(), targetPercent: z.number().nullable(), met: z.boolean().nullable() });

/** Planning coverage of a subtree for the term starting in `termStartYear`: counts only. */
export const coverageInputSchema = z.object({ orgPath: orgPathSchema, termStartYear: yearSchema });
export const coverageOutputSchema = z.object({
  posts: z.number().int(),
  /** posts with fewer active candidates than the rules want */
  underCovered: z.number().int(),
  /** posts with more candidates than allowed (after a rule change or by mistake) */
  overCovered: z.number().int(),
  candidates: z.number().int(),
  structure: z.object({ women: ratio, young: ratio, ethnicMinority: ratio }),
});
