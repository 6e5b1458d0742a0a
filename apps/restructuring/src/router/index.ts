// The restructuring service's tRPC surface: one root key, `restructuring` (0001). It implements
// @orgboard/contract-restructuring exactly (checked below, when this module loads).
import { assertImplements } from "@orgboard/contracts";
import { restructuringContract } from "@orgboard/contract-restructuring";
import { router } from "../trpc.js";
import { getPlanRoute } from "./plans/get.js";
import { loadOfficialPlanRoute } from "./plans/load-official.js";
import { previewPlanRoute } from "./plans/preview.js";
import "../policy.js";

export const restructuringRouter = router({
  plans: router({ loadOfficial: loadOfficialPlanRoute, get: getPlanRoute, preview: previewPlanRoute }),
});

export const appRouter = router({ restructuring: restructuringRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, restructuringContract);
