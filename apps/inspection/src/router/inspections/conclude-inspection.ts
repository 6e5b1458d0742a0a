import { inspectionContract } from "@orgboard/contract-inspection";
import { lockInspection } from "../../app/cases.js";
import { fromDbDate, fromDbDateOrNull, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture } from "../../app/errors.js";
import { completeLinkedItem } from "../../app/program-link.js";
import { inspectionEvent, recordCallerChange } from "../../app/record.js";
import { toInspectionView } from "../../app/views.js";
import { assertTransition, checkCaseDates, checkFindings, throwIfViolations, type CaseStatus, type DisciplineSubjectProfile, type Violation } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.inspections.conclude;

/** The domain names findings' fields "findings.x"; on the wire they are top-level fields of this input. */
const wireField = (v: Violation): Violation => ({ ...v, field: v.field === "findings.proposedForm" ? "disciplineProposed" : v.field.replace(/^findings\./, "") });

/**
 * under_way → concluded, with findings: violation or not, its degree, the discipline proposed. A program
 * item the inspection carries out is completed on the conclusion's day.
 */
export const concludeInspectionRoute = procedure("inspection.cases.manage")
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = await lockInspection(tx, ctx, input.inspectionId);
      assertTransition(row.status as CaseStatus, "concluded");
      assertNotFuture("concludedOn", input.concludedOn, todayOf(ctx));
      throwIfViolations(checkCaseDates({ decidedOn: fromDbDate(row.decidedOn), startedOn: fromDbDateOrNull(row.startedOn), concludedOn: input.concludedOn }));
      // Whether the member holds a post is not known here: the form is checked against the subject's kind
      // (and probation); the decision itself checks dismissal against the member's post.
      const profile: DisciplineSubjectProfile = row.subjectKind === "organization" ? { kind: "organization" } : { kind: "member", probationary: row.subjectStatus === "probationary", holdsPost: true };
      const findings = { violation: input.violation, degree: input.degree ?? null, proposedForm: input.disciplineProposed ?? null };
      throwIfViolations(checkFindings(findings, profile).map(wireField));
      const updated = await tx.inspection.update({
        where: { id: row.id },
        data: { status: "concluded", concludedOn: toDbDate(input.concludedOn), violation: input.violation, degree: findings.degree, disciplineProposed: findings.proposedForm, findings: input.findings },
      });
      const view = toInspectionView(updated);
      const itemDone = await completeLinkedItem(tx, row.programItemId, input.concludedOn, ctx.principal.subject);
      await recordCallerChange(tx, ctx, {
        entity: "Inspection",
        entityId: row.id,
        orgPath: row.subjectOrgPath,
        before: { status: row.status },
        after: { status: "concluded", concludedOn: input.concludedOn, violation: input.violation, degree: findings.degree, disciplineProposed: findings.proposedForm },
        events: [
          inspectionEvent("inspection.inspection.concluded", row.subjectOrgPath, row.id, { inspectionId: row.id, kind: view.kind, violation: input.violation, degree: findings.degree, concludedOn: input.concludedOn }),
          ...(itemDone ? [itemDone] : []),
        ],
      });
      return view;
    }),
  );
