import { provinceGroupsSchema } from "@orgboard/contracts";
import { conferenceIdInput } from "./schemas.js";

export const ZSitesByProvinceInput = conferenceIdInput;
export const ZSitesByProvinceOutput = provinceGroupsSchema;
