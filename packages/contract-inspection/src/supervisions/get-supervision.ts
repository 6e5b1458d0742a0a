import { z } from "zod";
import { idSchema } from "../schemas.js";
import { supervisionViewSchema } from "./supervision-view.js";

export const getSupervisionInputSchema = z.object({ supervisionId: idSchema });
export const getSupervisionOutputSchema = supervisionViewSchema;

export type GetSupervisionInput = z.input<typeof getSupervisionInputSchema>;
export type GetSupervisionOutput = z.output<typeof getSupervisionOutputSchema>;
