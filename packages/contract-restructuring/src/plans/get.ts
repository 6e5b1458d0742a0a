// `restructuring.plans.get`: one plan's header and change counts.
import { z } from "zod";
import { planIdSchema } from "../schemas.js";
import { planViewSchema } from "./plan-view.js";

export const getPlanInputSchema = z.object({ planId: planIdSchema });
export type GetPlanInput = z.infer<typeof getPlanInputSchema>;

export const getPlanOutputSchema = planViewSchema;
