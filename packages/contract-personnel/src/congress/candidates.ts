import { z } from "zod";
import { CANDIDACY_KINDS } from "../enums.js";
import { enumOf, idSchema } from "../schemas.js";
import { congressViewSchema } from "./congress-view.js";

/** (1.2) Puts a cadre on the congress's candidate list, first-time or re-nominated (age rules apply). */
export const addCongressCandidateInputSchema = z.object({ congressId: idSchema, cadreId: idSchema, kind: enumOf(CANDIDACY_KINDS) });
export const addCongressCandidateOutputSchema = congressViewSchema;

/** (1.2) Takes a candidate off the list before the result is posted. */
export const removeCongressCandidateInputSchema = z.object({ congressId: idSchema, candidateId: idSchema });
export const removeCongressCandidateOutputSchema = congressViewSchema;
