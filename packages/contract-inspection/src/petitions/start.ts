// `inspection.petitions.start`: settlement begins (received → under_way); needs an assigned inspector.
import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { petitionViewSchema } from "./views.js";

export const startPetitionInputSchema = z.object({ petitionId: idSchema, startedOn: isoDateSchema });
export const startPetitionOutputSchema = petitionViewSchema;

export type StartPetitionInput = z.input<typeof startPetitionInputSchema>;
export type StartPetitionOutput = z.output<typeof startPetitionOutputSchema>;
