// @orgboard/contract-restructuring: what apps/restructuring answers and takes (docs/restructuring.md).
import type { ContractRouter } from "@orgboard/contracts";
import type { RestructuringContract } from "./contract.js";

export * from "./contract.js";
export * from "./enums.js";
export * from "./events.js";
export * from "./schemas.js";
export * from "./plans/plan-view.js";
export * from "./plans/load-official.js";
export * from "./plans/get.js";
export * from "./plans/preview.js";
export * from "./plans/update.js";
export * from "./runs/runs.js";
export * from "./runs/list.js";
export * from "./access.js";

/** The tRPC router type of the restructuring service, for `createTRPCClient<RestructuringContractRouter>`. */
export type RestructuringContractRouter = ContractRouter<RestructuringContract>;
