import { inspectionContract } from "@orgboard/contract-inspection";
import { caseSubject } from "../../app/conductor.js";
import { toDbDate } from "../../app/dates.js";
import { invalid } from "../../app/errors.js";
import { checkProgramItem } from "../../app/program-link.js";
import { inspectionEvent, recordCallerChange } from "../../app/record.js";
import { subjectColumns, subjectIds, toSupervisionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.supervisions.decide;

/** A regular or thematic supervision of a member or an organization opens "decided". */
export const decideSupervisionRoute = procedure("inspection.cases.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const subject = await caseSubject(ctx, input);
    // A thematic supervision is decided in writing (quyết định giám sát chuyên đề); a regular one is not.
    if (input.kind === "thematic" && input.decisionNumber === undefined) {
      throw invalid("decisionNumber", "decision_number_required", "Giám sát chuyên đề phải có số quyết định", "A thematic supervision needs its decision's number");
    }
    return ctx.db.$transaction(async (tx) => {
      const programItemId = await checkProgramItem(tx, ctx, input.programItemId, subject);
      const row = await tx.supervision.create({
        data: {
          kind: input.kind,
          conductorKind: input.conductor.kind,
          conductorOrgPath: input.conductor.orgPath,
          ...subjectColumns(subject),
          decisionNumber: input.decisionNumber ?? null,
          decidedOn: toDbDate(input.decidedOn),
          content: input.content,
          programItemId,
          createdBy: ctx.principal.subject,
        },
      });
      const view = toSupervisionView(row, null);
      await recordCallerChange(tx, ctx, {
        entity: "Supervision",
        entityId: row.id,
        orgPath: row.subjectOrgPath,
        after: view,
        events: [
          inspectionEvent("inspection.supervision.decided", row.subjectOrgPath, row.id, {
            supervisionId: row.id,
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
