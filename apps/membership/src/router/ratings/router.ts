import { router } from "../trpc.js";
import { appraiseRatingRoute } from "./appraise-rating.js";
import { approveRatingRoute } from "./approve-rating.js";
import { listRatingsRoute } from "./list-ratings.js";
import { selfAssessRatingRoute } from "./self-assess-rating.js";

export const ratingsRouter = router({
  selfAssess: selfAssessRatingRoute,
  appraise: appraiseRatingRoute,
  approve: approveRatingRoute,
  list: listRatingsRoute,
});
