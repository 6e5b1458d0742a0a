// @orgboard/contract-inspection: what apps/inspection answers, takes and streams (the wire contract),
// shared by the service, membership (which applies its decisions), the dashboard and the CLI.
export * from "./contract.js";
export * from "./enums.js";
export * from "./events.js";
export * from "./report/annual.js";
export * from "./petitions/views.js";
export * from "./petitions/receive.js";
export * from "./petitions/assign.js";
export * from "./petitions/start.js";
export * from "./petitions/settle.js";
export * from "./petitions/list.js";
export * from "./petitions/get.js";
export * from "./watch-list/views.js";
export * from "./watch-list/add.js";
export * from "./watch-list/close.js";
export * from "./watch-list/list.js";
