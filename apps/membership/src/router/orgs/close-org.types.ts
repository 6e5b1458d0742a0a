import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { isoDateSchema, orgPathSchema } from "../schemas.js";

export const ZCloseOrgInput = z.object({ orgPath: orgPathSchema, closedOn: isoDateSchema });
export const ZCloseOrgOutput = orgViewSchema;
