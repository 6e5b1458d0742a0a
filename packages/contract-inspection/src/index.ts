// @orgboard/contract-inspection: what apps/inspection answers, takes and streams (the wire contract),
// shared by the service, membership (which applies its decisions), the dashboard and the CLI.
export * from "./contract.js";
export * from "./enums.js";
export * from "./events.js";
export * from "./report/annual.js";
export * from "./petitions/views.js";
export * from "./petitions/receive-petition.js";
export * from "./petitions/assign-inspectors.js";
export * from "./petitions/start-petition.js";
export * from "./petitions/settle-petition.js";
export * from "./petitions/list-petitions.js";
export * from "./petitions/get-petition.js";
export * from "./watch-list/views.js";
export * from "./watch-list/add-watch-entry.js";
export * from "./watch-list/close-watch-entry.js";
export * from "./watch-list/list-watch-entries.js";
