// @orgboard/contract-inspection: what apps/inspection answers, takes and streams (the wire contract),
// shared by the service, membership (which applies its decisions), the dashboard and the CLI.
import type { ContractRouter } from "@orgboard/contracts";
import type { InspectionContract } from "./contract.js";

export * from "./contract.js";
export * from "./enums.js";
export * from "./events.js";
export * from "./schemas.js";
export * from "./report/annual.js";
export * from "./programs/program-view.js";
export * from "./programs/create-program.js";
export * from "./programs/complete-item.js";
export * from "./programs/get-program.js";
export * from "./programs/list-programs.js";
export * from "./inspections/inspection-view.js";
export * from "./inspections/decide-inspection.js";
export * from "./inspections/start-inspection.js";
export * from "./inspections/conclude-inspection.js";
export * from "./inspections/get-inspection.js";
export * from "./inspections/list-inspections.js";
export * from "./supervisions/supervision-view.js";
export * from "./supervisions/decide-supervision.js";
export * from "./supervisions/conclude-supervision.js";
export * from "./supervisions/get-supervision.js";
export * from "./supervisions/list-supervisions.js";
export * from "./discipline/decision-view.js";
export * from "./discipline/decide-discipline.js";
export * from "./discipline/lodge-appeal.js";
export * from "./discipline/decide-appeal.js";
export * from "./discipline/get-decision.js";
export * from "./discipline/list-decisions.js";
export * from "./discipline/resolve-effect.js";
export * from "./cases/list-subject-cases.js";
export * from "./audit/search.js";

/** The tRPC router type of the inspection service, for `createTRPCClient<InspectionContractRouter>`. */
export type InspectionContractRouter = ContractRouter<InspectionContract>;
export * from "./access.js";
export * from "./petitions/views.js";
export * from "./petitions/receive.js";
export * from "./petitions/assign.js";
export * from "./petitions/start.js";
export * from "./petitions/extend.js";
export * from "./petitions/export.js";
export * from "./petitions/settle.js";
export * from "./petitions/list.js";
export * from "./petitions/get.js";
export * from "./watch-list/views.js";
export * from "./watch-list/add.js";
export * from "./watch-list/close.js";
export * from "./watch-list/list.js";
