import { z } from "zod";

export interface BadgeRow {
  id: number;
  member_id: number;
  org_path: string;
  years: number;
  proposed_on: string;
  awarded_on: string | null;
  decision_number: string | null;
}

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

export const badgeView = (r: BadgeRow, reachedOn: string) => ({
  id: r.id,
  memberId: r.member_id,
  orgPath: r.org_path,
  years: r.years,
  proposedOn: r.proposed_on,
  awardedOn: r.awarded_on,
  decisionNumber: r.decision_number,
  reachedOn,
});

export const circumstanceSchema = z.enum(["normal", "seriously_ill", "deceased"]).default("normal");
