// `inspection.petitions.list`: petitions about subjects in a subtree (never the petitioner), newest first.
import { z } from "zod";
import { PETITION_KINDS, PETITION_STATUSES } from "../enums.js";
import { bi } from "../schemas.js";
import { orgPathInput, pageInput } from "../input-text.js";
import { petitionSummarySchema } from "./views.js";

export const listPetitionsInputSchema = z.object({
  orgPath: orgPathInput,
  kind: z.enum(PETITION_KINDS, { error: bi(`phải là một trong ${PETITION_KINDS.join(", ")}`, `must be one of ${PETITION_KINDS.join(", ")}`) }).optional(),
  status: z.enum(PETITION_STATUSES, { error: bi(`phải là một trong ${PETITION_STATUSES.join(", ")}`, `must be one of ${PETITION_STATUSES.join(", ")}`) }).optional(),
  ...pageInput,
});
export const listPetitionsOutputSchema = z.object({ items: z.array(petitionSummarySchema), nextCursor: z.string().nullable() });

export type ListPetitionsInput = z.input<typeof listPetitionsInputSchema>;
export type ListPetitionsOutput = z.output<typeof listPetitionsOutputSchema>;
