import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { inspectionViewSchema } from "./inspection-view.js";

export const startInspectionInputSchema = z.object({ inspectionId: idSchema, startedOn: isoDateSchema });
export const startInspectionOutputSchema = inspectionViewSchema;

export type StartInspectionInput = z.input<typeof startInspectionInputSchema>;
export type StartInspectionOutput = z.output<typeof startInspectionOutputSchema>;
