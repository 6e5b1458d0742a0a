// @orgboard/contract-inspection: what apps/inspection answers, takes and streams (the wire contract),
// shared by the service, membership (which applies its decisions), the dashboard and the CLI.
export * from "./contract.js";
export * from "./enums.js";
export * from "./events.js";
export * from "./report.js";
export * from "./access.js";
