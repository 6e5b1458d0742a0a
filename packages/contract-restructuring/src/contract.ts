// The restructuring service's wire surface (apps/restructuring asserts it implements this exactly). A change
// here is a change of the contract: raise `version`, record it in CHANGELOG.md, run `pnpm contracts:record`.
import { defineContract, mutation, query } from "@orgboard/contracts";
import { restructuringEventSchemas } from "./events.js";
import { getPlanInputSchema, getPlanOutputSchema } from "./plans/get.js";
import { loadOfficialPlanInputSchema, loadOfficialPlanOutputSchema } from "./plans/load-official.js";
import { previewPlanInputSchema, previewPlanOutputSchema } from "./plans/preview.js";

export const restructuringContract = defineContract({
  service: "restructuring",
  version: "1.0",
  procedures: {
    /** Restructuring plans (đề án): load, read, dry run. Execution (the saga) is not in 1.0. */
    plans: {
      loadOfficial: mutation(loadOfficialPlanInputSchema, loadOfficialPlanOutputSchema),
      get: query(getPlanInputSchema, getPlanOutputSchema),
      preview: query(previewPlanInputSchema, previewPlanOutputSchema),
    },
  },
  events: restructuringEventSchemas,
});
export type RestructuringContract = typeof restructuringContract;

/** Every contract package exports its contract as `contract` too (packages/contract-gate). */
export const contract = restructuringContract;
