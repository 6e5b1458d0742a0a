// The restructuring service's wire surface (apps/restructuring asserts it implements this exactly). A change
// here is a change of the contract: raise `version`, record it in CHANGELOG.md, run `pnpm contracts:record`.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, mutation, query, subscription } from "@orgboard/contracts";
import { restructuringEventSchemas } from "./events.js";
import { getPlanInputSchema, getPlanOutputSchema } from "./plans/get.js";
import { loadOfficialPlanInputSchema, loadOfficialPlanOutputSchema } from "./plans/load-official.js";
import { previewPlanInputSchema, previewPlanOutputSchema } from "./plans/preview.js";
import { updatePlanInputSchema, updatePlanOutputSchema } from "./plans/update.js";
import { listRunsInputSchema, listRunsOutputSchema } from "./runs/list.js";
import { resumeRunInputSchema, runInputSchema, runViewSchema, startRunInputSchema, verifyRunOutputSchema } from "./runs/runs.js";

export const restructuringContract = defineContract({
  service: "restructuring",
  version: "1.13",
  procedures: {
    /** Restructuring plans (đề án): load, read, dry run. Execution: `runs` (1.1). */
    plans: {
      loadOfficial: mutation(loadOfficialPlanInputSchema, loadOfficialPlanOutputSchema),
      get: query(getPlanInputSchema, getPlanOutputSchema),
      preview: query(previewPlanInputSchema, previewPlanOutputSchema),
      /** 1.3: edit a plan before it runs (assignments, renames, unit changes) */
      update: mutation(updatePlanInputSchema, updatePlanOutputSchema),
    },
    /** Execution as a resumable, idempotent saga, province by province (1.1). */
    runs: {
      start: mutation(startRunInputSchema, runViewSchema),
      resume: mutation(resumeRunInputSchema, runViewSchema),
      get: query(runInputSchema, runViewSchema),
      verify: query(runInputSchema, verifyRunOutputSchema),
      rollback: mutation(runInputSchema, runViewSchema),
      /** The plans in the caller's scope with their run's progress in a line, newest first (1.3). */
      list: query(listRunsInputSchema, listRunsOutputSchema),
    },
    /** Every event in id order, as tracked(id, envelope) confined to the reader's scope; `payload` per `events` (1.3). */
    events: { stream: subscription(eventStreamInputSchema, eventEnvelopeSchema) },
  },
  events: restructuringEventSchemas,
});
export type RestructuringContract = typeof restructuringContract;

/** Every contract package exports its contract as `contract` too (packages/contract-gate). */
export const contract = restructuringContract;
