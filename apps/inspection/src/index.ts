// @orgboard/inspection: the server (for tests and the launcher), its database, the router type (for
// typed clients) and the domain rules. The server itself starts from src/main.ts.
export * from "./domain/index.js";
export type { AppRouter } from "./router/index.js";
export { createInspectionService, type InspectionService, type InspectionServiceOptions } from "./server.js";
export { openDatabase, migrationsDir, type Database } from "./db.js";
export { membershipDirectory, type Subject, type SubjectDirectory, type SubjectRef, type MembershipDirectoryOptions } from "./app/subjects.js";
export { loadInspectionConfig, inspectionConfigSchema, type InspectionConfig } from "./config.js";
export * from "./seed/index.js";
