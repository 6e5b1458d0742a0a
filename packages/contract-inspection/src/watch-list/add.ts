// `inspection.watchList.add`: put a case on the inter-agency watch list.
import { z } from "zod";
import { bi, idSchema, isoDateSchema, lineText } from "../schemas.js";
import { optionalLineText, optionalLongText, orgPathInput } from "../input-text.js";
import { watchEntryViewSchema } from "./views.js";

/** What is watched: a record of this service (its scope decides), or free text about an organization. */
export const watchLinkInputSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("inspection"), inspectionId: idSchema }),
    z.object({ kind: z.literal("discipline"), decisionId: idSchema }),
    z.object({ kind: z.literal("petition"), petitionId: idSchema }),
    z.object({ kind: z.literal("free_text"), orgPath: orgPathInput }),
  ],
  { error: bi("phải là inspection, discipline, petition hoặc free_text", "must be inspection, discipline, petition or free_text") },
);

export const addWatchEntryInputSchema = z.object({
  link: watchLinkInputSchema,
  title: lineText(300),
  note: optionalLongText(4000),
  agencies: optionalLineText(500),
  addedOn: isoDateSchema,
});
export const addWatchEntryOutputSchema = watchEntryViewSchema;

export type AddWatchEntryInput = z.input<typeof addWatchEntryInputSchema>;
export type AddWatchEntryOutput = z.output<typeof addWatchEntryOutputSchema>;
