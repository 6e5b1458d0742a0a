// The body that conducts a case (or decides a discipline): its organization must lie in the caller's
// scope (an inspector acts for bodies of its own subtree) and contain the subject.
import { TRPCError } from "@trpc/server";
import type { Resource } from "@orgboard/auth";
import { isWithin } from "../domain/index.js";
import { invalid } from "./errors.js";

const forbidden = () => new TRPCError({ code: "FORBIDDEN", message: "Forbidden: not allowed to perform this action here" });

export function checkConductor(ctx: { can(r: Resource): boolean }, conductorOrgPath: string, subjectOrgPath: string, field: string): void {
  // The same FORBIDDEN the procedure's own scope check gives for a path outside the scope.
  if (!ctx.can({ orgPath: conductorOrgPath })) throw forbidden();
  if (!isWithin(subjectOrgPath, conductorOrgPath)) {
    throw invalid(field, "subject_outside_conductor", "Đối tượng không thuộc phạm vi của cơ quan tiến hành", "The subject does not lie inside the conducting body's organization");
  }
}
