import { inspectionContract } from "@orgboard/contract-inspection";
import { caseSubject } from "../../app/conductor.js";
import { toDbDate } from "../../app/dates.js";
import { checkProgramItem } from "../../app/program-link.js";
import { inspectionEvent, recordCallerChange } from "../../app/record.js";
import { subjectColumns, subjectIds, toInspectionView } from "../../app/views.js";
import { checkCaseDates, throwIfViolations } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.inspections.decide;

/** The decision to inspect a member or an organization (quyết định kiểm tra): the case opens "decided". */
export const decideInspectionRoute = procedure("inspection.cases.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const subject = await caseSubject(ctx, input);
    throwIfViolations(checkCaseDates({ decidedOn: input.decidedOn, startedOn: null, concludedOn: null, plannedEndOn: input.plannedEndOn ?? null }));
    return ctx.db.$transaction(async (tx) => {
      const programItemId = await checkProgramItem(tx, ctx, input.programItemId, subject);
      const row = await tx.inspection.create({
        data: {
          kind: input.kind,
          conductorKind: input.conductor.kind,
          conductorOrgPath: input.conductor.orgPath,
          ...subjectColumns(subject),
          decisionNumber: input.decisionNumber,
          decidedOn: toDbDate(input.decidedOn),
          content: input.content,
          plannedEndOn: input.plannedEndOn ? toDbDate(input.plannedEndOn) : null,
          programItemId,
          createdBy: ctx.principal.subject,
        },
      });
      const view = toInspectionView(row);
      await recordCallerChange(tx, ctx, {
        entity: "Inspection",
        entityId: row.id,
        orgPath: row.subjectOrgPath,
        after: view,
        events: [
          inspectionEvent("inspection.inspection.decided", row.subjectOrgPath, row.id, {
            inspectionId: row.id,
            kind: view.kind,
            conductorKind: view.conductor.kind,
            ...subjectIds(subject),
            decidedOn: input.decidedOn,
          }),
        ],
      });
      return view;
    });
  });
