import { z } from "zod";
import { conferenceIdInput } from "./schemas.js";
import { speakRequestViewSchema } from "./views.js";

export const ZEndSpeechInput = conferenceIdInput;
export const ZEndSpeechOutput = z.object({ ended: speakRequestViewSchema, durationSeconds: z.number().int(), queueLength: z.number().int() });
