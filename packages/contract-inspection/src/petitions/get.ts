// `inspection.petitions.get`: one petition; its petitioner shown only to the inspectors assigned to it.
import { z } from "zod";
import { idSchema } from "../schemas.js";
import { petitionViewSchema } from "./views.js";

export const getPetitionInputSchema = z.object({ petitionId: idSchema });
export const getPetitionOutputSchema = petitionViewSchema;

export type GetPetitionInput = z.input<typeof getPetitionInputSchema>;
export type GetPetitionOutput = z.output<typeof getPetitionOutputSchema>;
