import { z } from "zod";
import { idSchema, isoDateSchema, longText } from "../schemas.js";
import { appealViewSchema } from "./decision-view.js";

export const lodgeAppealInputSchema = z.object({ decisionId: idSchema, lodgedOn: isoDateSchema, content: longText(10_000) });
export const lodgeAppealOutputSchema = appealViewSchema;

export type LodgeAppealInput = z.input<typeof lodgeAppealInputSchema>;
export type LodgeAppealOutput = z.output<typeof lodgeAppealOutputSchema>;
