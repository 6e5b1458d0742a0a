import { z } from "zod";
import { idSchema } from "./schemas.js";
import { speakRequestViewSchema } from "./views.js";

export const ZRegisterToSpeakInput = z.object({
  siteId: idSchema,
  speakerName: z.string().trim().min(1, { message: "is required" }).max(200),
  speakerTitle: z.string().trim().max(300).optional(),
  topic: z.string().trim().max(1000).optional(),
});
export const ZRegisterToSpeakOutput = z.object({
  request: speakRequestViewSchema,
  /** 1-based place in the queue at the time of registering. */
  position: z.number().int(),
});

export const ZWithdrawInput = z.object({ requestId: idSchema });
export const ZWithdrawOutput = z.object({ request: speakRequestViewSchema, queueLength: z.number().int() });
