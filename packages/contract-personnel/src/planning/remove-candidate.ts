import { z } from "zod";
import { POOL_REMOVAL_REASONS } from "../enums.js";
import { enumOf, idSchema, isoDateSchema } from "../schemas.js";
import { poolPlaceViewSchema } from "../cadres/cadre-view.js";

/** Takes a candidate out of a pool, with the reason (đưa ra khỏi quy hoạch). */
export const removeCandidateInputSchema = z.object({ entryId: idSchema, removedOn: isoDateSchema, reason: enumOf(POOL_REMOVAL_REASONS) });
export const removeCandidateOutputSchema = poolPlaceViewSchema;
