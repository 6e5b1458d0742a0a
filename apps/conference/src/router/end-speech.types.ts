import { speakRequestViewSchema } from "@orgboard/contracts";
import { z } from "zod";
import { conferenceIdInput } from "./schemas.js";

export const ZEndSpeechInput = conferenceIdInput;
export const ZEndSpeechOutput = z.object({ ended: speakRequestViewSchema, durationSeconds: z.number().int(), queueLength: z.number().int() });
