import { z } from "zod";
import { idSchema } from "./schemas.js";
import { speakRequestViewSchema } from "./views.js";

export const ZGiveFloorInput = z.object({
  conferenceId: idSchema,
  /** A queued request; omitted ⇒ the head of the queue. */
  requestId: idSchema.optional(),
});
export const ZGiveFloorOutput = z.object({ speaker: speakRequestViewSchema, queueLength: z.number().int() });
