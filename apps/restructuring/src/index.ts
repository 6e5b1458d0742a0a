// @orgboard/restructuring: the server (for tests), its database, the router type and the domain rules.
export * from "./domain/index.js";
export type { AppRouter } from "./router/index.js";
export { createRestructuringService, type RestructuringServiceOptions } from "./server.js";
export { openDatabase, migrationsDir, type Database } from "./db.js";
export { staticTree, type TreeSource } from "./app/tree.js";
export { loadRestructuringConfig, restructuringConfigSchema, type RestructuringConfig } from "./config.js";
export { membershipLink, type MembershipLink } from "./app/membership.js";
export { rekeyStep, sagaSteps, type MembershipSteps, type RekeyClient, type SagaStep, type StepAnswer, type StepContext, type PathMove } from "./app/steps.js";
export type { CrashPoint, CrashPhase } from "./app/saga.js";
