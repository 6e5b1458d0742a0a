// An officer settles a refused effect: membership could not apply the decision (the member left meanwhile,
// the organization was not empty, …) and the commission records what was done about it. Only for a decision
// whose effect is `refused`; the effect becomes `resolved`, the refusal's reason stays on the decision.
import { z } from "zod";
import { EFFECT_STATUSES } from "../enums.js";
import { idSchema, longText } from "../schemas.js";

export const resolveEffectInputSchema = z.object({
  decisionId: idSchema,
  /** What was done (e.g. "the member had already been struck off on …; no further action"). */
  note: longText(2000),
});
export const resolveEffectOutputSchema = z.object({
  decisionId: z.string(),
  effect: z.object({
    status: z.enum(EFFECT_STATUSES),
    /** membership's refusal reason (e.g. member_not_active) and message, kept */
    reason: z.string().nullable(),
    message: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
  resolution: z.object({ note: z.string(), resolvedBy: z.string(), resolvedOn: z.string() }),
});

export type ResolveEffectInput = z.input<typeof resolveEffectInputSchema>;
export type ResolveEffectOutput = z.output<typeof resolveEffectOutputSchema>;
