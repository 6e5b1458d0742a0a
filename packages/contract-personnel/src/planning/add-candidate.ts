import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { poolPlaceViewSchema } from "../cadres/cadre-view.js";

/** Puts a cadre in the planning pool of a post for its next term (checks: numbers, age, bars). */
export const addCandidateInputSchema = z.object({ postId: idSchema, cadreId: idSchema, addedOn: isoDateSchema });
export const addCandidateOutputSchema = poolPlaceViewSchema;
