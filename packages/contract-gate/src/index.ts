export { breakingChanges, type SchemaProblem, type Side } from "./schema-diff.js";
export { diffSnapshots, formatChange, type ContractChange } from "./contract-diff.js";
export {
  changelogVersions,
  checkPackage,
  compareVersions,
  discoverContractPackages,
  generatedSnapshot,
  loadContract,
  nextVersion,
  parseVersion,
  readRecorded,
  recordPackage,
  type ContractPackage,
  type Line,
  type Recorded,
  type ServiceReport,
} from "./gate.js";
export { checkRecordedUnchanged } from "./git.js";
export { formatAnswerErrors, olderCompatibleSnapshots, validateAgainstSnapshot, type AnswerError } from "./consumer.js";
export { main } from "./main.js";
