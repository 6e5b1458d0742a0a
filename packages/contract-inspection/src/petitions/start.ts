// `inspection.petitions.start`: settlement begins (received → under_way); needs an assigned inspector.
import { z } from "zod";
import { calendarDate, recordId } from "../input-text.js";
import { petitionViewSchema } from "./views.js";

export const startPetitionInputSchema = z.object({ petitionId: recordId, startedOn: calendarDate });
export const startPetitionOutputSchema = petitionViewSchema;

export type StartPetitionInput = z.input<typeof startPetitionInputSchema>;
export type StartPetitionOutput = z.output<typeof startPetitionOutputSchema>;
