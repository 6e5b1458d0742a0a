import { z } from "zod";
import { conferenceIdInput, siteCountersSchema } from "./schemas.js";

export const ZSitesByProvinceInput = conferenceIdInput;
export const ZSitesByProvinceOutput = z.object({
  groups: z.array(
    siteCountersSchema.extend({
      /** The top-level organization ("/08/" for every site under Tuyên Quang). */
      orgPath: z.string(),
      /** The name of the site that is that organization itself, when there is one. */
      name: z.string().nullable(),
    }),
  ),
});
