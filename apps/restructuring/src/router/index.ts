// The restructuring service's tRPC surface: one root key, `restructuring` (0001). It implements
// @orgboard/contract-restructuring exactly (checked below, when this module loads).
import { assertImplements } from "@orgboard/contracts";
import { restructuringContract } from "@orgboard/contract-restructuring";
import { router } from "../trpc.js";
import { getPlanRoute } from "./plans/get.js";
import { loadOfficialPlanRoute } from "./plans/load-official.js";
import { previewPlanRoute } from "./plans/preview.js";
import { updatePlanRoute } from "./plans/update.js";
import { eventsStreamRoute } from "./events/stream.js";
import { getRunRoute } from "./runs/get.js";
import { listRunsRoute } from "./runs/list.js";
import { resumeRunRoute } from "./runs/resume.js";
import { rollbackRunRoute } from "./runs/rollback.js";
import { startRunRoute } from "./runs/start.js";
import { verifyRunRoute } from "./runs/verify.js";
import "../policy.js";

export const restructuringRouter = router({
  plans: router({ loadOfficial: loadOfficialPlanRoute, get: getPlanRoute, preview: previewPlanRoute, update: updatePlanRoute }),
  runs: router({ start: startRunRoute, resume: resumeRunRoute, get: getRunRoute, verify: verifyRunRoute, rollback: rollbackRunRoute, list: listRunsRoute }),
  events: router({ stream: eventsStreamRoute }),
});

export const appRouter = router({ restructuring: restructuringRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, restructuringContract);
