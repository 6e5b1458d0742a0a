// The badge view (its schema: packages/contract-membership/src/badges/badge-view.ts) from a row.
import type { BadgeView } from "@orgboard/contract-membership";

export interface BadgeRow {
  id: number;
  member_id: number;
  org_path: string;
  years: number;
  proposed_on: string;
  awarded_on: string | null;
  decision_number: string | null;
}

export const badgeView = (r: BadgeRow, reachedOn: string): BadgeView => ({
  id: r.id,
  memberId: r.member_id,
  orgPath: r.org_path,
  years: r.years,
  proposedOn: r.proposed_on,
  awardedOn: r.awarded_on,
  decisionNumber: r.decision_number,
  reachedOn,
});

