// `restructuring.plans.loadOfficial`: load the official 2025 restructuring (63 → 34 provinces,
// 10,035 → 3,321 communes, district level abolished, effective 2025-07-01) as a new draft plan.
import { z } from "zod";
import { planViewSchema } from "./plan-view.js";

export const loadOfficialPlanInputSchema = z.strictObject({});
export type LoadOfficialPlanInput = z.infer<typeof loadOfficialPlanInputSchema>;

export const loadOfficialPlanOutputSchema = planViewSchema;
