import { z } from "zod";
import { EFFECT_STATUSES } from "../enums.js";
import { enumOf, orgPathSchema } from "../schemas.js";
import { effectViewSchema } from "./effect-view.js";

/** Effects of consumed events in a subtree (at most 200, newest first), by default the unappliable ones. */
export const listEffectsInputSchema = z.object({ orgPath: orgPathSchema, status: enumOf(EFFECT_STATUSES).default("unappliable") });
export const listEffectsOutputSchema = z.object({ items: z.array(effectViewSchema) });
