import { z } from "zod";
import { orgPathSchema, yearSchema } from "../schemas.js";

const outcomeCounts = z.object({ sessions: z.number().int(), holders: z.number().int(), kept: z.number().int(), resignationProposed: z.number().int(), dismissalProposed: z.number().int() });

/** (1.3) Confidence-vote outcomes of a subtree in a year (sessions held that year), and the year before: counts only. */
export const voteOutcomesInputSchema = z.object({ orgPath: orgPathSchema, year: yearSchema });
export const voteOutcomesOutputSchema = outcomeCounts.extend({ year: z.number().int(), previous: outcomeCounts });
