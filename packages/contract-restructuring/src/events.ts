// Event payloads of the restructuring stream (outbox). 1.0: plans loaded; the saga's events come with it.
import { z } from "zod";

export const restructuringEventSchemas = {
  /** A plan was created (loaded from the official mapping or written); `orgPath` = the plan's scope. */
  "restructuring.plan.loaded": z.object({ planId: z.string(), origin: z.string().nullable(), effectiveOn: z.string() }),
};
export const RESTRUCTURING_EVENT_TYPES = Object.keys(restructuringEventSchemas) as (keyof typeof restructuringEventSchemas)[];
