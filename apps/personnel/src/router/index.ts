// The personnel service's tRPC surface: one root key, `personnel` (0001). It implements
// @orgboard/contract-personnel exactly (checked below, when this module loads).
import { assertImplements } from "@orgboard/contracts";
import { personnelContract } from "@orgboard/contract-personnel";
import { router } from "../trpc.js";
import { createCadreRoute } from "./cadres/create-cadre.js";
import { getCadreRoute } from "./cadres/get-cadre.js";
import { listCadresRoute } from "./cadres/list-cadres.js";
import { listEffectsRoute } from "./effects/list-effects.js";
import { resolveEffectRoute } from "./effects/resolve-effect.js";
import { eventsStreamRoute } from "./events/stream.js";
import { addCandidateRoute } from "./planning/add-candidate.js";
import { coverageRoute } from "./planning/coverage.js";
import { removeCandidateRoute } from "./planning/remove-candidate.js";
import { appointRoute } from "./posts/appoint.js";
import { createPostRoute } from "./posts/create-post.js";
import { listPostsRoute } from "./posts/list-posts.js";
import { concludeStandardRoute } from "./standard/conclude.js";
import { recordVoteRoute } from "./votes/record-vote.js";
import { addCongressCandidateRoute, removeCongressCandidateRoute } from "./congress/candidates.js";
import { createCongressRoute } from "./congress/create-congress.js";
import { listCongressesRoute } from "./congress/list-congresses.js";
import { postResultRoute } from "./congress/post-result.js";
import { seasonRoute } from "./congress/season.js";
import { setStructureRoute } from "./congress/set-structure.js";
import { applyReviewRoute } from "./planning/apply-review.js";
import { reviewPoolRoute } from "./planning/review-pool.js";
import { completeRotationRoute } from "./rotation/complete-rotation.js";
import { listRotationsRoute } from "./rotation/list-rotations.js";
import { planRotationRoute } from "./rotation/plan-rotation.js";
import { conclusionCountRoute } from "./standard/yearly-count.js";
import { applySurplusPolicyRoute } from "./surplus/apply-policy.js";
import { closeSurplusRoute } from "./surplus/close-surplus.js";
import { surplusFiguresRoute } from "./surplus/figures.js";
import { listSurplusRoute } from "./surplus/list-surplus.js";
import { recordSurplusRoute } from "./surplus/record-surplus.js";
import { voteOutcomesRoute } from "./votes/outcomes.js";
import { restructuringPostsRoute } from "./restructuring/posts.js";
import { conservationRoute } from "./restructuring/conservation.js";
import { rekeyRoute } from "./restructuring/rekey.js";
import "../policy.js";

export const personnelRouter = router({
  cadres: router({ create: createCadreRoute, get: getCadreRoute, list: listCadresRoute }),
  posts: router({ create: createPostRoute, list: listPostsRoute, appoint: appointRoute }),
  planning: router({ addCandidate: addCandidateRoute, removeCandidate: removeCandidateRoute, coverage: coverageRoute, review: reviewPoolRoute, applyReview: applyReviewRoute }),
  votes: router({ record: recordVoteRoute, outcomes: voteOutcomesRoute }),
  standard: router({ conclude: concludeStandardRoute, yearlyCount: conclusionCountRoute }),
  // pers-cadres (#13): rotation and transfer, surplus cadres after mergers
  rotation: router({ plan: planRotationRoute, complete: completeRotationRoute, list: listRotationsRoute }),
  surplus: router({ record: recordSurplusRoute, applyPolicy: applySurplusPolicyRoute, close: closeSurplusRoute, list: listSurplusRoute, figures: surplusFiguresRoute }),
  effects: router({ list: listEffectsRoute, resolve: resolveEffectRoute }),
  events: router({ stream: eventsStreamRoute }),
  congress: router({
    create: createCongressRoute,
    list: listCongressesRoute,
    setStructure: setStructureRoute,
    addCandidate: addCongressCandidateRoute,
    removeCandidate: removeCongressCandidateRoute,
    postResult: postResultRoute,
    season: seasonRoute,
  }),
  restructuring: router({ rekey: rekeyRoute, posts: restructuringPostsRoute, conservation: conservationRoute }),
});

export const appRouter = router({ personnel: personnelRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, personnelContract);
