import { z } from "zod";
import { documentInputSchema, idSchema } from "./schemas.js";
import { documentViewSchema } from "./views.js";

export const ZDisseminateDocumentsInput = z.object({
  conferenceId: idSchema,
  /** The agenda item they belong to; defaults to the running item. */
  agendaItemId: idSchema.optional(),
  documents: z.array(documentInputSchema).min(1, { message: "needs at least one document" }).max(50),
});

export const ZDisseminateDocumentsOutput = z.object({ documents: z.array(documentViewSchema) });
