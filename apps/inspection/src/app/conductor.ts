// The body that conducts a case (or decides a discipline): its organization must lie in the caller's
// scope (an inspector acts for bodies of its own subtree) and contain the subject.
import { FORBIDDEN_MESSAGE } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { Resource } from "@orgboard/auth";
import type { SubjectRefInput } from "@orgboard/contract-inspection";
import { isWithin } from "../domain/index.js";
import { subjectInScope, type ScopedCtx } from "./access.js";
import { todayOf } from "./dates.js";
import { assertNotFuture, invalid } from "./errors.js";
import type { Subject } from "./subjects.js";

const forbidden = () => new TRPCError({ code: "FORBIDDEN", message: FORBIDDEN_MESSAGE });

export function checkConductor(ctx: { can(r: Resource): boolean }, conductorOrgPath: string, subjectOrgPath: string, field: string): void {
  // The same FORBIDDEN the procedure's own scope check gives for a path outside the scope.
  if (!ctx.can({ orgPath: conductorOrgPath })) throw forbidden();
  if (!isWithin(subjectOrgPath, conductorOrgPath)) {
    throw invalid(field, "subject_outside_conductor", "Đối tượng không thuộc phạm vi của cơ quan tiến hành", "The subject does not lie inside the conducting body's organization");
  }
}

/**
 * What opening a case checks before anything is stored: the subject (through membership; NOT_FOUND when
 * missing or outside the scope), the conducting body (in scope, containing the subject), the date.
 */
export async function caseSubject(ctx: ScopedCtx & { now: () => Date }, input: { subject: SubjectRefInput; conductor: { orgPath: string }; decidedOn: string }): Promise<Subject> {
  const subject = await subjectInScope(ctx, input.subject, "subject");
  checkConductor(ctx, input.conductor.orgPath, subject.orgPath, "conductor.orgPath");
  assertNotFuture("decidedOn", input.decidedOn, todayOf(ctx));
  return subject;
}
