// The service's vocabulary is the contract's (packages/contract-inspection/src/enums.ts): re-exported
// here so the domain and its callers use one list, never a copy.
export {
  CASE_STATUSES,
  CONDUCTOR_KINDS,
  DISCIPLINE_FORMS,
  EFFECT_STATUSES,
  INSPECTION_KINDS,
  MEMBER_DISCIPLINE_FORMS,
  ORG_DISCIPLINE_FORMS,
  PETITION_KINDS,
  PETITION_STATUSES,
  PROGRAM_OWNERS,
  SUBJECT_KINDS,
  SUPERVISION_KINDS,
  VIOLATION_DEGREES,
  WATCH_STATUSES,
  type CaseStatus,
  type ConductorKind,
  type DisciplineForm,
  type EffectStatus,
  type InspectionKind,
  type MemberDisciplineForm,
  type OrgDisciplineForm,
  type PetitionKind,
  type PetitionStatus,
  type ProgramOwner,
  type SubjectKind,
  type SupervisionKind,
  type ViolationDegree,
  type WatchStatus,
} from "@orgboard/contract-inspection";

/** Narrows an unknown value to one of a tuple's members (for values read from input or the database). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}
