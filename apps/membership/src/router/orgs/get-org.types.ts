import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { orgPathSchema } from "../schemas.js";

export const ZGetOrgInput = z.object({ orgPath: orgPathSchema });
export const ZGetOrgOutput = orgViewSchema.extend({
  /** direct children, and how many of them are open */
  childCount: z.number().int(),
  openChildCount: z.number().int(),
  /** active members (probationary + official) in the whole subtree */
  memberTotal: z.number().int(),
});
