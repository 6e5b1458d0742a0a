import { router } from "../trpc.js";
import { awardBadgeRoute } from "./award-badge.js";
import { listEligibleBadgesRoute } from "./list-eligible-badges.js";
import { proposeBadgeRoute } from "./propose-badge.js";

export const badgesRouter = router({
  eligible: listEligibleBadgesRoute,
  propose: proposeBadgeRoute,
  award: awardBadgeRoute,
});
