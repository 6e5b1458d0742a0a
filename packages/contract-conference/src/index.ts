// @orgboard/contract-conference: what apps/conference answers, takes and streams (the wire contract),
// shared by the service, the dashboard, the CLI and the other services. No copies elsewhere.
export * from "./contract.js";
export * from "./enums.js";
export * from "./presence.js";
export * from "./views.js";
export * from "./events.js";
export * from "./schemas.js";
export * from "./create-conference.js";
export * from "./transitions.js";
export * from "./get-conference.js";
export * from "./list-conferences.js";
export * from "./add-sites.js";
export * from "./list-sites.js";
export * from "./sites-by-province.js";
export * from "./check-in-site.js";
export * from "./next-agenda-item.js";
export * from "./disseminate-documents.js";
export * from "./register-to-speak.js";
export * from "./give-floor.js";
export * from "./end-speech.js";
export * from "./add-conclusion.js";
export * from "./search-audit.js";
export * from "./access.js";
