import { z } from "zod";
import { STANDARD_PURPOSES } from "../enums.js";
import { orgPathSchema, yearSchema } from "../schemas.js";

const count = z.object({
  count: z.number().int(),
  met: z.number().int(),
  previousCount: z.number().int(),
  /** change against the year before, percent one decimal; null when the year before had none */
  changePercent: z.number().nullable(),
});

/** (1.3) Political-standard conclusions of a subtree concluded in a year, per purpose, against the year before. */
export const conclusionCountInputSchema = z.object({ orgPath: orgPathSchema, year: yearSchema });
export const conclusionCountOutputSchema = count.extend({
  year: z.number().int(),
  perPurpose: z.array(count.extend({ purpose: z.enum(STANDARD_PURPOSES) })),
});
