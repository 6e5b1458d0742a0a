import { z } from "zod";
import { idSchema } from "../schemas.js";
import { decisionViewSchema } from "./decision-view.js";

export const getDecisionInputSchema = z.object({ decisionId: idSchema });
export const getDecisionOutputSchema = decisionViewSchema;

export type GetDecisionInput = z.input<typeof getDecisionInputSchema>;
export type GetDecisionOutput = z.output<typeof getDecisionOutputSchema>;
