import { z } from "zod";
import { idSchema } from "../schemas.js";
import { inspectionViewSchema } from "./inspection-view.js";

export const getInspectionInputSchema = z.object({ inspectionId: idSchema });
export const getInspectionOutputSchema = inspectionViewSchema;

export type GetInspectionInput = z.input<typeof getInspectionInputSchema>;
export type GetInspectionOutput = z.output<typeof getInspectionOutputSchema>;
