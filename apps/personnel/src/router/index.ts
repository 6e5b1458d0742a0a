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
import { rekeyRoute } from "./restructuring/rekey.js";
import "../policy.js";

export const personnelRouter = router({
  cadres: router({ create: createCadreRoute, get: getCadreRoute, list: listCadresRoute }),
  posts: router({ create: createPostRoute, list: listPostsRoute, appoint: appointRoute }),
  planning: router({ addCandidate: addCandidateRoute, removeCandidate: removeCandidateRoute, coverage: coverageRoute }),
  votes: router({ record: recordVoteRoute }),
  standard: router({ conclude: concludeStandardRoute }),
  effects: router({ list: listEffectsRoute, resolve: resolveEffectRoute }),
  events: router({ stream: eventsStreamRoute }),
  restructuring: router({ rekey: rekeyRoute }),
});

export const appRouter = router({ personnel: personnelRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, personnelContract);
