import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { programItemViewSchema } from "./program-view.js";

export const completeItemInputSchema = z.object({ itemId: idSchema, completedOn: isoDateSchema });
export const completeItemOutputSchema = programItemViewSchema;

export type CompleteItemInput = z.input<typeof completeItemInputSchema>;
export type CompleteItemOutput = z.output<typeof completeItemOutputSchema>;
