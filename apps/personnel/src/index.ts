// @orgboard/personnel: the server (for tests and the launcher), its database, the router type (for typed
// clients) and the rules. The server itself starts from src/main.ts.
export * from "./domain/index.js";
export type { AppRouter } from "./router/index.js";
export { createPersonnelService, type PersonnelService, type PersonnelServiceOptions } from "./server.js";
export { openDatabase, migrationsDir, type Database } from "./db.js";
export { serviceConsultations, type Consultations } from "./app/consultations.js";
export { handleInspectionEvents } from "./app/inspection-effects.js";
export { loadPersonnelConfig, personnelConfigSchema, type PersonnelConfig } from "./config.js";
export { seedPersonnel, PersonnelSeedError, type PersonnelSeedResult, type SeedSubjects as PersonnelSeedSubjects } from "./seed/index.js";
