import { pageSchema, paginationInputSchema } from "@orgboard/contracts";
import { z } from "zod";
import { CONFERENCE_STATUSES } from "./enums.js";
import { conferenceSummarySchema } from "./views.js";

/** `conference.list`. */
export const conferencePageSchema = pageSchema(conferenceSummarySchema);

export const ZListConferencesInput = paginationInputSchema.extend({
  /** Opaque: the `nextCursor` of the previous page (a conference id). */
  cursor: z.uuid({ message: "is not a cursor returned by a previous page" }).nullish(),
  status: z.enum(CONFERENCE_STATUSES).optional(),
});
export const ZListConferencesOutput = conferencePageSchema;
