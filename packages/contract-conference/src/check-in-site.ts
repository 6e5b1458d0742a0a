import { z } from "zod";
import { idSchema } from "./schemas.js";
import { siteViewSchema } from "./views.js";

export const ZCheckInSiteInput = z.object({
  siteId: idSchema,
  /** People present in the room at check-in; at most the site's expected attendance. */
  present: z.number().int().min(0),
});
export const ZCheckInSiteOutput = siteViewSchema;

export const ZReportAttendanceInput = ZCheckInSiteInput;
export const ZReportAttendanceOutput = siteViewSchema;
