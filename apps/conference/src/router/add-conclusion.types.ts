import { conclusionViewSchema } from "@orgboard/contracts";
import { z } from "zod";
import { MAX_CONCLUSION_LENGTH } from "../domain/index.js";
import { idSchema } from "./schemas.js";

export const ZAddConclusionInput = z.object({
  conferenceId: idSchema,
  text: z.string().trim().min(1, { message: "is required" }).max(MAX_CONCLUSION_LENGTH),
});
export const ZAddConclusionOutput = conclusionViewSchema;
