// The personnel service's whole wire surface: every procedure of its router (apps/personnel asserts it
// implements this) and every event payload of its stream. A change here is a change of the contract:
// raise `version`, record it in CHANGELOG.md and run `pnpm contracts:record`.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, mutation, query, subscription } from "@orgboard/contracts";
import { createCadreInputSchema, createCadreOutputSchema } from "./cadres/create-cadre.js";
import { getCadreInputSchema, getCadreOutputSchema } from "./cadres/get-cadre.js";
import { listCadresInputSchema, listCadresOutputSchema } from "./cadres/list-cadres.js";
import { listEffectsInputSchema, listEffectsOutputSchema } from "./effects/list-effects.js";
import { resolveEffectInputSchema, resolveEffectOutputSchema } from "./effects/resolve-effect.js";
import { personnelEventSchemas } from "./events.js";
import { addCandidateInputSchema, addCandidateOutputSchema } from "./planning/add-candidate.js";
import { coverageInputSchema, coverageOutputSchema } from "./planning/coverage.js";
import { removeCandidateInputSchema, removeCandidateOutputSchema } from "./planning/remove-candidate.js";
import { appointInputSchema, appointOutputSchema } from "./posts/appoint.js";
import { createPostInputSchema, createPostOutputSchema } from "./posts/create-post.js";
import { listPostsInputSchema, listPostsOutputSchema } from "./posts/list-posts.js";
import { concludeStandardInputSchema, concludeStandardOutputSchema } from "./standard/conclude.js";
import { recordVoteInputSchema, recordVoteOutputSchema } from "./votes/record-vote.js";
import { rekeyInputSchema, rekeyOutputSchema } from "./restructuring-rekey.js";

export const personnelContract = defineContract({
  service: "personnel",
  version: "1.4",
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
    },
    /** Confidence votes: sessions and tallies (counts; ballots stay secret). */
    votes: { record: mutation(recordVoteInputSchema, recordVoteOutputSchema) },
    /** Political-standard conclusions, consulting membership and inspection. */
    standard: { conclude: mutation(concludeStandardInputSchema, concludeStandardOutputSchema) },
    /** Effects of other services' events that could not be applied, and their resolution. */
    effects: {
      list: query(listEffectsInputSchema, listEffectsOutputSchema),
      resolve: mutation(resolveEffectInputSchema, resolveEffectOutputSchema),
    },
    /** Every change in id order, as tracked(id, envelope) confined to the reader's scope. */
    events: { stream: subscription(eventStreamInputSchema, eventEnvelopeSchema) },
    /** Restructuring's scope-key rewrite (1.4): its service account only (issue #14). */
    restructuring: { rekey: mutation(rekeyInputSchema, rekeyOutputSchema) },
  },
  events: personnelEventSchemas,
});

/** The same value under the name every contract package exports (the compatibility gate loads `contract`). */
export const contract = personnelContract;
export type PersonnelContract = typeof personnelContract;
