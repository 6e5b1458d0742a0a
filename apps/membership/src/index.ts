// @orgboard/membership — the data layer the router and the CLI build on (no tRPC here).
export * from "./domain/index.js";
export { copyLine, copyValue, sqlFromPgPool, sqlFromPglite, type Database, type Sql } from "./db/sql.js";
export { openTestDatabase, type TestDatabase } from "./db/testing.js";
export { MembershipInputError, OperationInterruptedError, type InputErrorCode } from "./db/errors.js";
export { subtreeBounds, assertOrgPath } from "./db/paths.js";
export { rebuildStatsSql, countersMigrationSql, STAT_COLUMNS } from "./db/stats-sql.js";
export {
  openMembershipDatabase,
  membershipDatabaseOf,
  membershipDataDir,
  migrationsDir,
  DatabaseBusyError,
  type MembershipDatabase,
  type OpenOptions,
} from "./db/open.js";
export { buildAnnualReport, type AnnualReport, type AnnualReportInput, type RatingDistribution } from "./report/annual.js";
export { formatAnnualReport } from "./report/format.js";
export { importMembers, type ImportOptions, type ImportResult } from "./import/members.js";
export { DEFAULT_READ_LIMITS, type ReadLimits } from "./import/read.js";
export { importOrganizations } from "./import/orgs.js";
export { readRecords, formatOf, type FileSource, type FileFormat } from "./import/read.js";
export { MEMBER_COLUMNS, ORG_COLUMNS, ORG_KIND_LABELS, SECTOR_LABELS } from "./import/template.js";
export type { RowIssue } from "./import/validate.js";
export { exportMembers, exportOrganizations, type ExportTarget, type ExportOptions } from "./export/index.js";
export { seedDatabase, SeedError, DEFAULT_AS_OF, EVE_OF_2025_MERGER, type SeedOptions, type SeedProgress, type SeedResult } from "./seed/load.js";
export { SEED_UNITS, type SeedUnits } from "./seed/orgs.js";
export { SEED_SCALES, type SeedScale } from "./seed/orgs.js";
export { seedSubjects, type SeedSubjects, type SubjectMember, type SubjectOrg } from "./seed/subjects.js";
