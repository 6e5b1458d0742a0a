import { z } from "zod";
import { EFFECT_STATUSES } from "../enums.js";

/** A consumed event's effect here: applied, or unappliable (with the reason) until resolved. */
export const effectViewSchema = z.object({
  id: z.string(),
  source: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  /** inspection's decision id (or the other service's key) */
  key: z.string(),
  orgPath: z.string(),
  status: z.enum(EFFECT_STATUSES),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  resolution: z.string().nullable(),
});
