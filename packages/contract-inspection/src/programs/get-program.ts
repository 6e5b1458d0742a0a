import { z } from "zod";
import { idSchema } from "../schemas.js";
import { programViewSchema } from "./program-view.js";

export const getProgramInputSchema = z.object({ programId: idSchema });
export const getProgramOutputSchema = programViewSchema;

export type GetProgramInput = z.input<typeof getProgramInputSchema>;
export type GetProgramOutput = z.output<typeof getProgramOutputSchema>;
