// The personnel service's whole wire surface: every procedure of its router (apps/personnel asserts it
// implements this) and every event payload of its stream. A change here is a change of the contract:
// raise `version`, record it in CHANGELOG.md and run `pnpm contracts:record`.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, mutation, query, subscription } from "@orgboard/contracts";
import { createCadreInputSchema, createCadreOutputSchema } from "./cadres/create-cadre.js";
import { getCadreInputSchema, getCadreOutputSchema } from "./cadres/get-cadre.js";
import { listCadresInputSchema, listCadresOutputSchema } from "./cadres/list-cadres.js";
import { listEffectsInputSchema, listEffectsOutputSchema } from "./effects/list-effects.js";
import { resolveEffectInputSchema, resolveEffectOutputSchema } from "./effects/resolve-effect.js";
import { addCongressCandidateInputSchema, addCongressCandidateOutputSchema, removeCongressCandidateInputSchema, removeCongressCandidateOutputSchema } from "./congress/candidates.js";
import { createCongressInputSchema, createCongressOutputSchema } from "./congress/create-congress.js";
import { listCongressesInputSchema, listCongressesOutputSchema } from "./congress/list-congresses.js";
import { postCongressResultInputSchema, postCongressResultOutputSchema } from "./congress/post-result.js";
import { congressSeasonInputSchema, congressSeasonOutputSchema } from "./congress/season.js";
import { setCongressStructureInputSchema, setCongressStructureOutputSchema } from "./congress/set-structure.js";
import { personnelEventSchemas } from "./events.js";
import { addCandidateInputSchema, addCandidateOutputSchema } from "./planning/add-candidate.js";
import { coverageInputSchema, coverageOutputSchema } from "./planning/coverage.js";
import { removeCandidateInputSchema, removeCandidateOutputSchema } from "./planning/remove-candidate.js";
import { appointInputSchema, appointOutputSchema } from "./posts/appoint.js";
import { createPostInputSchema, createPostOutputSchema } from "./posts/create-post.js";
import { listPostsInputSchema, listPostsOutputSchema } from "./posts/list-posts.js";
import { concludeStandardInputSchema, concludeStandardOutputSchema } from "./standard/conclude.js";
import { recordVoteInputSchema, recordVoteOutputSchema } from "./votes/record-vote.js";
import { conservationInputSchema, personnelConservationOutputSchema } from "./restructuring-conservation.js";
import { rekeyInputSchema, rekeyOutputSchema } from "./restructuring-rekey.js";
import { restructuringPostsInputSchema, restructuringPostsOutputSchema } from "./restructuring-posts.js";
import { voteOutcomesInputSchema, voteOutcomesOutputSchema } from "./votes/outcomes.js";
import { conclusionCountInputSchema, conclusionCountOutputSchema } from "./standard/yearly-count.js";
import { applyReviewInputSchema, applyReviewOutputSchema, reviewPoolInputSchema, reviewPoolOutputSchema } from "./planning/review.js";
import { completeRotationInputSchema, completeRotationOutputSchema, listRotationsInputSchema, listRotationsOutputSchema, planRotationInputSchema, planRotationOutputSchema } from "./rotation/rotation.js";
import {
  applySurplusPolicyInputSchema,
  applySurplusPolicyOutputSchema,
  closeSurplusInputSchema,
  closeSurplusOutputSchema,
  listSurplusInputSchema,
  listSurplusOutputSchema,
  recordSurplusInputSchema,
  recordSurplusOutputSchema,
  surplusFiguresInputSchema,
  surplusFiguresOutputSchema,
} from "./surplus/surplus.js";

export const personnelContract = defineContract({
  service: "personnel",
  version: "1.5",
  procedures: {
    /** Cadre files: reading one (get, or in a list) is audited. */
    cadres: {
      create: mutation(createCadreInputSchema, createCadreOutputSchema),
      get: query(getCadreInputSchema, getCadreOutputSchema),
      list: query(listCadresInputSchema, listCadresOutputSchema),
    },
    /** Leadership posts and committee seats per organization and term, and who holds them. */
    posts: {
      create: mutation(createPostInputSchema, createPostOutputSchema),
      list: query(listPostsInputSchema, listPostsOutputSchema),
      appoint: mutation(appointInputSchema, appointOutputSchema),
    },
    /** Planning pools per post and term. */
    planning: {
      addCandidate: mutation(addCandidateInputSchema, addCandidateOutputSchema),
      removeCandidate: mutation(removeCandidateInputSchema, removeCandidateOutputSchema),
      coverage: query(coverageInputSchema, coverageOutputSchema),
      /** (1.3) the yearly review of pools, and applying its proposed removals */
      review: mutation(reviewPoolInputSchema, reviewPoolOutputSchema),
      applyReview: mutation(applyReviewInputSchema, applyReviewOutputSchema),
    },
    /** Confidence votes: sessions and tallies (counts; ballots stay secret). */
    votes: {
      record: mutation(recordVoteInputSchema, recordVoteOutputSchema),
      /** (1.3) outcome counts per year, the boards too */
      outcomes: query(voteOutcomesInputSchema, voteOutcomesOutputSchema),
    },
    /** Political-standard conclusions, consulting membership and inspection. */
    standard: {
      conclude: mutation(concludeStandardInputSchema, concludeStandardOutputSchema),
      /** (1.3) conclusions counted per purpose for a year, against the year before; the boards too */
      yearlyCount: query(conclusionCountInputSchema, conclusionCountOutputSchema),
    },
    /** (1.3) Rotation (luân chuyển) and transfer (điều động) of cadres between organizations. */
    rotation: {
      plan: mutation(planRotationInputSchema, planRotationOutputSchema),
      complete: mutation(completeRotationInputSchema, completeRotationOutputSchema),
      list: query(listRotationsInputSchema, listRotationsOutputSchema),
    },
    /** (1.3) Cadres left surplus by mergers of units, the policy applied to each, to closure. */
    surplus: {
      record: mutation(recordSurplusInputSchema, recordSurplusOutputSchema),
      applyPolicy: mutation(applySurplusPolicyInputSchema, applySurplusPolicyOutputSchema),
      close: mutation(closeSurplusInputSchema, closeSurplusOutputSchema),
      list: query(listSurplusInputSchema, listSurplusOutputSchema),
      figures: query(surplusFiguresInputSchema, surplusFiguresOutputSchema),
    },
    /** Effects of other services' events that could not be applied, and their resolution. */
    effects: {
      list: query(listEffectsInputSchema, listEffectsOutputSchema),
      resolve: mutation(resolveEffectInputSchema, resolveEffectOutputSchema),
    },
    /** (1.2) Congress personnel: the new committee's planned structure, candidate lists, results, the season. */
    congress: {
      create: mutation(createCongressInputSchema, createCongressOutputSchema),
      list: query(listCongressesInputSchema, listCongressesOutputSchema),
      setStructure: mutation(setCongressStructureInputSchema, setCongressStructureOutputSchema),
      addCandidate: mutation(addCongressCandidateInputSchema, addCongressCandidateOutputSchema),
      removeCandidate: mutation(removeCongressCandidateInputSchema, removeCongressCandidateOutputSchema),
      postResult: mutation(postCongressResultInputSchema, postCongressResultOutputSchema),
      season: query(congressSeasonInputSchema, congressSeasonOutputSchema),
    },
    /** Every change in id order, as tracked(id, envelope) confined to the reader's scope. */
    events: { stream: subscription(eventStreamInputSchema, eventEnvelopeSchema) },
    /** Restructuring's scope-key rewrite (1.4), the committee posts its preview counts and its conservation read (issue #14): its service account only. */
    restructuring: { rekey: mutation(rekeyInputSchema, rekeyOutputSchema), posts: query(restructuringPostsInputSchema, restructuringPostsOutputSchema), conservation: query(conservationInputSchema, personnelConservationOutputSchema) },
  },
  events: personnelEventSchemas,
});

/** The same value under the name every contract package exports (the compatibility gate loads `contract`). */
export const contract = personnelContract;
export type PersonnelContract = typeof personnelContract;
