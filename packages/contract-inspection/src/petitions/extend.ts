// `inspection.petitions.extend`: a denunciation's settlement deadline extended once (gia hạn), by the
// domain's extension in working days; the denouncer is to be told (the reason is kept).
import { z } from "zod";
import { idSchema, isoDateSchema, longText } from "../schemas.js";
import { petitionViewSchema } from "./views.js";

export const extendPetitionInputSchema = z.object({ petitionId: idSchema, extendedOn: isoDateSchema, reason: longText(2000) });
export const extendPetitionOutputSchema = petitionViewSchema;

export type ExtendPetitionInput = z.input<typeof extendPetitionInputSchema>;
export type ExtendPetitionOutput = z.output<typeof extendPetitionOutputSchema>;
