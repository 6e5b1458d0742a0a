// What a discipline decision needs besides its input: the deciding body and the subject as the domain's
// competence rules see them, and which decisions another service must apply.
import type { DecideDisciplineInput } from "@orgboard/contract-inspection";
import type { CompetenceSubject, DecidingBody, DisciplineForm, DisciplineSubjectProfile, EffectStatus } from "../domain/index.js";
import type { Subject } from "./subjects.js";

/** membership's kinds of grassroots organization (tổ chức cơ sở đảng). */
const GRASSROOTS_KINDS = new Set(["grassroots_committee", "grassroots_cell"]);

export function isGrassroots(orgKind: string | null): boolean {
  return orgKind !== null && GRASSROOTS_KINDS.has(orgKind);
}

export function decidingBody(input: DecideDisciplineInput["decidedBy"], bodyOrgKind: string | null): DecidingBody {
  switch (input.kind) {
    case "cell":
      return { kind: "cell", orgPath: input.orgPath };
    case "grassroots_committee":
      return { kind: "grassroots_committee", orgPath: input.orgPath, authorizedToAdmit: input.authorizedToAdmit ?? false };
    case "commission":
      return { kind: "commission", orgPath: input.orgPath, grassroots: isGrassroots(bodyOrgKind) };
    default:
      return { kind: input.kind, orgPath: input.orgPath };
  }
}

export function subjectProfile(subject: Subject, roles: DecideDisciplineInput["memberRoles"]): DisciplineSubjectProfile {
  if (subject.kind === "organization") return { kind: "organization" };
  // A committee seat is a post; otherwise the officer says whether the member holds one.
  return { kind: "member", probationary: subject.status === "probationary", holdsPost: roles?.holdsPost ?? (roles?.committeeSeats?.length ?? 0) > 0 };
}

export function competenceSubject(subject: Subject, roles: DecideDisciplineInput["memberRoles"]): CompetenceSubject {
  if (subject.kind === "organization") return { kind: "organization", orgPath: subject.orgPath };
  return { kind: "member", cellPath: subject.orgPath, committeeSeats: roles?.committeeSeats ?? [], managedBy: roles?.managedBy ?? null };
}

/**
 * Forms another service applies (membership: expulsion, dissolution; personnel, when it exists:
 * dismissal): their effect is "pending" until the applying service confirms it; the others have none.
 */
export const FORMS_WITH_EFFECT: ReadonlySet<DisciplineForm> = new Set(["expulsion", "dissolution", "dismissal"]);

export function initialEffectStatus(form: DisciplineForm): EffectStatus {
  return FORMS_WITH_EFFECT.has(form) ? "pending" : "none";
}

/** A member can be disciplined while in the party; an organization while open. */
export function isActiveSubject(subject: Subject): boolean {
  return subject.kind === "member" ? subject.status === "official" || subject.status === "probationary" : subject.status === "open";
}
