// The inspection service's tRPC surface: one root key, `inspection` (0001). It implements
// @orgboard/contract-inspection exactly (checked below, when this module loads): same paths, kinds and
// schema objects, nothing more.
import { assertImplements } from "@orgboard/contracts";
import { inspectionContract } from "@orgboard/contract-inspection";
import { router } from "../trpc.js";
import { searchAuditRoute } from "./audit/search.js";
import { listSubjectCasesRoute } from "./cases/list-subject-cases.js";
import { decideAppealRoute } from "./discipline/decide-appeal.js";
import { decideDisciplineRoute } from "./discipline/decide-discipline.js";
import { getDecisionRoute } from "./discipline/get-decision.js";
import { listDecisionsRoute } from "./discipline/list-decisions.js";
import { lodgeAppealRoute } from "./discipline/lodge-appeal.js";
import { resolveEffectRoute } from "./discipline/resolve-effect.js";
import { eventsStreamRoute } from "./events/stream.js";
import { concludeInspectionRoute } from "./inspections/conclude-inspection.js";
import { decideInspectionRoute } from "./inspections/decide-inspection.js";
import { getInspectionRoute } from "./inspections/get-inspection.js";
import { listInspectionsRoute } from "./inspections/list-inspections.js";
import { startInspectionRoute } from "./inspections/start-inspection.js";
import { completeItemRoute } from "./programs/complete-item.js";
import { createProgramRoute } from "./programs/create-program.js";
import { getProgramRoute } from "./programs/get-program.js";
import { listProgramsRoute } from "./programs/list-programs.js";
import { annualReportRoute } from "./report/annual.js";
import { concludeSupervisionRoute } from "./supervisions/conclude-supervision.js";
import { decideSupervisionRoute } from "./supervisions/decide-supervision.js";
import { getSupervisionRoute } from "./supervisions/get-supervision.js";
import { listSupervisionsRoute } from "./supervisions/list-supervisions.js";
import { assignInspectorsRoute } from "./petitions/assign.js";
import { exportPetitionsRoute } from "./petitions/export.js";
import { extendPetitionRoute } from "./petitions/extend.js";
import { getPetitionRoute } from "./petitions/get.js";
import { listPetitionsRoute } from "./petitions/list.js";
import { receivePetitionRoute } from "./petitions/receive.js";
import { settlePetitionRoute } from "./petitions/settle.js";
import { startPetitionRoute } from "./petitions/start.js";
import { addWatchEntryRoute } from "./watch-list/add.js";
import { closeWatchEntryRoute } from "./watch-list/close.js";
import { listWatchEntriesRoute } from "./watch-list/list.js";
import { conservationRoute } from "./restructuring/conservation.js";
import { rekeyRoute } from "./restructuring/rekey.js";
import "../policy.js";

export const inspectionRouter = router({
  programs: router({ create: createProgramRoute, completeItem: completeItemRoute, get: getProgramRoute, list: listProgramsRoute }),
  inspections: router({ decide: decideInspectionRoute, start: startInspectionRoute, conclude: concludeInspectionRoute, get: getInspectionRoute, list: listInspectionsRoute }),
  supervisions: router({ decide: decideSupervisionRoute, conclude: concludeSupervisionRoute, get: getSupervisionRoute, list: listSupervisionsRoute }),
  discipline: router({ decide: decideDisciplineRoute, lodgeAppeal: lodgeAppealRoute, decideAppeal: decideAppealRoute, get: getDecisionRoute, list: listDecisionsRoute, resolveEffect: resolveEffectRoute }),
  cases: router({ listForSubject: listSubjectCasesRoute }),
  report: router({ annual: annualReportRoute }),
  petitions: router({
    receive: receivePetitionRoute,
    assign: assignInspectorsRoute,
    start: startPetitionRoute,
    extend: extendPetitionRoute,
    settle: settlePetitionRoute,
    list: listPetitionsRoute,
    get: getPetitionRoute,
    export: exportPetitionsRoute,
  }),
  watchList: router({ add: addWatchEntryRoute, close: closeWatchEntryRoute, list: listWatchEntriesRoute }),
  audit: router({ search: searchAuditRoute }),
  events: router({ stream: eventsStreamRoute }),
  restructuring: router({ rekey: rekeyRoute, conservation: conservationRoute }),
});

export const appRouter = router({ inspection: inspectionRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, inspectionContract);
