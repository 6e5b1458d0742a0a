// The inspection service's tRPC surface: one root key, `inspection` (0001). It implements
// @orgboard/contract-inspection exactly (checked below, when this module loads): same paths, kinds and
// schema objects, nothing more.
import { assertImplements } from "@orgboard/contracts";
import { inspectionContract } from "@orgboard/contract-inspection";
import { router } from "../trpc.js";
import { eventsStreamRoute } from "./events/stream.js";
import { annualReportRoute } from "./report/annual.js";
import "../policy.js";

export const inspectionRouter = router({
  report: router({ annual: annualReportRoute }),
  events: router({ stream: eventsStreamRoute }),
});

export const appRouter = router({ inspection: inspectionRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, inspectionContract);
