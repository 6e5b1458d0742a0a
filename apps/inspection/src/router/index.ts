// The inspection service's tRPC surface: one root key, `inspection` (0001). It implements
// @orgboard/contract-inspection exactly (checked below, when this module loads): same paths, kinds and
// schema objects, nothing more.
import { assertImplements } from "@orgboard/contracts";
import { inspectionContract } from "@orgboard/contract-inspection";
import { router } from "../trpc.js";
import { eventsStreamRoute } from "./events/stream.js";
import { assignInspectorsRoute } from "./petitions/assign.js";
import { getPetitionRoute } from "./petitions/get.js";
import { listPetitionsRoute } from "./petitions/list.js";
import { receivePetitionRoute } from "./petitions/receive.js";
import { settlePetitionRoute } from "./petitions/settle.js";
import { startPetitionRoute } from "./petitions/start.js";
import { annualReportRoute } from "./report/annual.js";
import { addWatchEntryRoute } from "./watch-list/add.js";
import { closeWatchEntryRoute } from "./watch-list/close.js";
import { listWatchEntriesRoute } from "./watch-list/list.js";
import "../policy.js";

export const inspectionRouter = router({
  report: router({ annual: annualReportRoute }),
  petitions: router({
    receive: receivePetitionRoute,
    assign: assignInspectorsRoute,
    start: startPetitionRoute,
    settle: settlePetitionRoute,
    list: listPetitionsRoute,
    get: getPetitionRoute,
  }),
  watchList: router({ add: addWatchEntryRoute, close: closeWatchEntryRoute, list: listWatchEntriesRoute }),
  events: router({ stream: eventsStreamRoute }),
});

export const appRouter = router({ inspection: inspectionRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, inspectionContract);
