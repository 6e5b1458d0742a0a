import { z } from "zod";
import { conferenceIdInput } from "./schemas.js";
import { liveCountersSchema } from "./views.js";

/** `conference.sites.byProvince`: counters per top-level organization. */
export const provinceGroupsSchema = z.object({
  groups: z.array(
    liveCountersSchema.extend({
      /** The top-level organization ("/08/" for every site under Tuyên Quang). */
      orgPath: z.string(),
      /** The name of the site that is that organization itself, when there is one. */
      name: z.string().nullable(),
    }),
  ),
});
export type ProvinceGroup = z.infer<typeof provinceGroupsSchema>["groups"][number];

export const ZSitesByProvinceInput = conferenceIdInput;
export const ZSitesByProvinceOutput = provinceGroupsSchema;
