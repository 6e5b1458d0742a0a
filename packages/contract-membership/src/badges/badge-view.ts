import { z } from "zod";
import { BADGE_CIRCUMSTANCES } from "../enums.js";

export const badgeViewSchema = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  orgPath: z.string(),
  years: z.number().int(),
  proposedOn: z.string(),
  awardedOn: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  /** the date party age reaches the level */
  reachedOn: z.string(),
});
export type BadgeView = z.infer<typeof badgeViewSchema>;

export const circumstanceSchema = z.enum(BADGE_CIRCUMSTANCES).default("normal");
