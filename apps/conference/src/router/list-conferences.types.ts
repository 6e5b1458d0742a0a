import { paginationInputSchema } from "@orgboard/contracts";
import { z } from "zod";
import { CONFERENCE_STATUSES } from "../domain/index.js";
import { conferenceSummarySchema } from "./schemas.js";

export const ZListConferencesInput = paginationInputSchema.extend({
  status: z.enum(CONFERENCE_STATUSES).optional(),
});
export const ZListConferencesOutput = z.object({ items: z.array(conferenceSummarySchema), nextCursor: z.string().nullable() });
