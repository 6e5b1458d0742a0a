// @orgboard/contract-personnel: what apps/personnel answers, takes and streams (the wire contract).
import type { ContractRouter } from "@orgboard/contracts";
import type { PersonnelContract } from "./contract.js";

export * from "./contract.js";
export * from "./enums.js";
export * from "./events.js";
export * from "./access.js";
export * from "./terms.js";
export { nationalIdSchema, countSchema } from "./schemas.js";
export * from "./cadres/cadre-view.js";
export * from "./cadres/create-cadre.js";
export * from "./cadres/get-cadre.js";
export * from "./cadres/list-cadres.js";
export * from "./posts/post-view.js";
export * from "./posts/create-post.js";
export * from "./posts/list-posts.js";
export * from "./posts/appoint.js";
export * from "./planning/add-candidate.js";
export * from "./planning/remove-candidate.js";
export * from "./planning/coverage.js";
export * from "./votes/record-vote.js";
export * from "./standard/conclude.js";
export * from "./effects/effect-view.js";
export * from "./effects/list-effects.js";
export * from "./effects/resolve-effect.js";
export * from "./congress/congress-view.js";
export * from "./congress/create-congress.js";
export * from "./congress/list-congresses.js";
export * from "./congress/set-structure.js";
export * from "./congress/candidates.js";
export * from "./congress/post-result.js";
export * from "./congress/season.js";
// 1.3 (pers-cadres)
export * from "./votes/outcomes.js";
export * from "./standard/yearly-count.js";
export * from "./planning/review.js";
export * from "./rotation/rotation.js";
export * from "./surplus/surplus.js";

/** The tRPC router type of the personnel service, for `createTRPCClient<PersonnelContractRouter>`. */
export type PersonnelContractRouter = ContractRouter<PersonnelContract>;
// 1.6 (restr-plan): the committee posts restructuring counts
export * from "./restructuring-posts.js";
export { personnelConservationOutputSchema, type PersonnelConservationOutput } from "./restructuring-conservation.js";
