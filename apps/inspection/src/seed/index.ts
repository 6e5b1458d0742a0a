// The inspection seed (docs/inspection.md, "Seed"): cases about membership's seeded people and organizations.
export { InspectionPlanner, OrgIndex, RATES, uuid7, type SeedOrg, type SeedPerson, type SeedSubjects, type OrgPlan } from "./generate.js";
export { seedInspection, isInspectionDatabaseEmpty, InspectionSeedError, type SeedDatabase, type InspectionSeedOptions, type InspectionSeedResult } from "./load.js";
