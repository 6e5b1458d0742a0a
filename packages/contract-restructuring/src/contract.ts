// The restructuring service's wire surface (apps/restructuring asserts it implements this exactly). A change
// here is a change of the contract: raise `version`, record it in CHANGELOG.md, run `pnpm contracts:record`.
import { defineContract, mutation, query } from "@orgboard/contracts";
import { restructuringEventSchemas } from "./events.js";
import { getPlanInputSchema, getPlanOutputSchema } from "./plans/get.js";
import { loadOfficialPlanInputSchema, loadOfficialPlanOutputSchema } from "./plans/load-official.js";
import { previewPlanInputSchema, previewPlanOutputSchema } from "./plans/preview.js";
import { resumeRunInputSchema, runInputSchema, runViewSchema, startRunInputSchema, verifyRunOutputSchema } from "./runs/runs.js";

export const restructuringContract = defineContract({
  service: "restructuring",
  version: "1.4",
  procedures: {
    /** Restructuring plans (đề án): load, read, dry run. Execution: `runs` (1.1). */
    plans: {
      loadOfficial: mutation(loadOfficialPlanInputSchema, loadOfficialPlanOutputSchema),
      get: query(getPlanInputSchema, getPlanOutputSchema),
      preview: query(previewPlanInputSchema, previewPlanOutputSchema),
    },
    /** Execution as a resumable, idempotent saga, province by province (1.1). */
    runs: {
      start: mutation(startRunInputSchema, runViewSchema),
      resume: mutation(resumeRunInputSchema, runViewSchema),
      get: query(runInputSchema, runViewSchema),
      verify: query(runInputSchema, verifyRunOutputSchema),
      rollback: mutation(runInputSchema, runViewSchema),
    },
  },
  events: restructuringEventSchemas,
});
export type RestructuringContract = typeof restructuringContract;

/** Every contract package exports its contract as `contract` too (packages/contract-gate). */
export const contract = restructuringContract;
