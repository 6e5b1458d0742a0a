// @orgboard/conference: the domain rules, event types, the router type (for typed clients) and the
// simulator. The server itself starts from src/main.ts.
export * from "./domain/index.js";
export * from "./events.js";
export type { AppRouter } from "./router/index.js";
export { createConferenceService, type ConferenceService, type ConferenceServiceOptions } from "./server.js";
export { openDatabase, type Database } from "./db.js";
export * from "./simulator/index.js";
