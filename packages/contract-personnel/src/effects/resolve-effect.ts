import { z } from "zod";
import { idSchema, longText } from "../schemas.js";
import { effectViewSchema } from "./effect-view.js";

/** An officer settles an unappliable effect, saying what was done (unappliable → resolved). */
export const resolveEffectInputSchema = z.object({ effectId: idSchema, resolution: longText(2000) });
export const resolveEffectOutputSchema = effectViewSchema;
