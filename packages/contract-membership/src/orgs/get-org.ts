import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { restructuringNoticeSchema } from "../restructuring/notice.js";
import { orgPathSchema } from "../schemas.js";

export const getOrgInputSchema = z.object({ orgPath: orgPathSchema });
export const getOrgOutputSchema = orgViewSchema.extend({
  /** direct children, and how many of them are open */
  childCount: z.number().int(),
  openChildCount: z.number().int(),
  /** active members (probationary + official) in the whole subtree */
  memberTotal: z.number().int(),
  /** (2.7) set while the organization lies in a subtree being restructured (đang sắp xếp) */
  restructuring: restructuringNoticeSchema.nullable().optional(),
});

export type GetOrgInput = z.input<typeof getOrgInputSchema>;
export type GetOrgOutput = z.output<typeof getOrgOutputSchema>;
