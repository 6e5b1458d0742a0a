// The badge view (its schema: packages/contract-membership/src/badges/badge-view.ts) from Prisma's
// BadgeAward (generated from prisma/schema.prisma).
import type { BadgeView } from "@orgboard/contract-membership";
import { fromDbDate, fromDbDateOrNull } from "@orgboard/db";
import type { BadgeAward } from "../../generated/prisma/client.js";

export const badgeView = (r: BadgeAward, reachedOn: string): BadgeView => ({
  id: r.id,
  memberId: r.memberId,
  orgPath: r.orgPath,
  years: r.years,
  proposedOn: fromDbDate(r.proposedOn),
  awardedOn: fromDbDateOrNull(r.awardedOn),
  decisionNumber: r.decisionNumber,
  reachedOn,
});
