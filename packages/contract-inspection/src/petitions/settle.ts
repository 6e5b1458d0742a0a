// `inspection.petitions.settle`: the settlement's finding and conclusion (under_way → settled); `late`
// says whether it came after the deadline.
import { z } from "zod";
import { bi, idSchema, isoDateSchema, longText } from "../schemas.js";
import { PETITION_OUTCOMES, petitionViewSchema } from "./views.js";

export const settlePetitionInputSchema = z.object({
  petitionId: idSchema,
  settledOn: isoDateSchema,
  outcome: z.enum(PETITION_OUTCOMES, { error: bi(`phải là một trong ${PETITION_OUTCOMES.join(", ")}`, `must be one of ${PETITION_OUTCOMES.join(", ")}`) }),
  conclusion: longText(8000),
});
export const settlePetitionOutputSchema = petitionViewSchema;

export type SettlePetitionInput = z.input<typeof settlePetitionInputSchema>;
export type SettlePetitionOutput = z.output<typeof settlePetitionOutputSchema>;
