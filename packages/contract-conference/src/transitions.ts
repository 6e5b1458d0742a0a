import { type z } from "zod";
import { conferenceIdInput } from "./schemas.js";
import { conferenceSummarySchema } from "./views.js";

// start-connecting, open-session and conclude share their input and output.
export const ZTransitionInput = conferenceIdInput;
export const ZTransitionOutput = conferenceSummarySchema;
export type TransitionOutput = z.infer<typeof ZTransitionOutput>;
