import { z } from "zod";
import { idSchema } from "./schemas.js";
import { conclusionViewSchema } from "./views.js";

/** The longest conclusion text, in characters. */
export const MAX_CONCLUSION_LENGTH = 8000;

export const ZAddConclusionInput = z.object({
  conferenceId: idSchema,
  text: z.string().trim().min(1, { message: "is required" }).max(MAX_CONCLUSION_LENGTH),
});
export const ZAddConclusionOutput = conclusionViewSchema;
