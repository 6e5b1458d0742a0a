import { inspectionContract } from "@orgboard/contract-inspection";
import { lockInspection } from "../../app/cases.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture } from "../../app/errors.js";
import { recordCallerChange } from "../../app/record.js";
import { toInspectionView } from "../../app/views.js";
import { assertTransition, checkCaseDates, throwIfViolations, type CaseStatus } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.inspections.start;

/** decided → under_way (tiến hành kiểm tra). */
export const startInspectionRoute = procedure("inspection.cases.manage")
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = await lockInspection(tx, ctx, input.inspectionId);
      assertTransition(row.status as CaseStatus, "under_way");
      assertNotFuture("startedOn", input.startedOn, todayOf(ctx));
      throwIfViolations(checkCaseDates({ decidedOn: fromDbDate(row.decidedOn), startedOn: input.startedOn, concludedOn: null }));
      const updated = await tx.inspection.update({ where: { id: row.id }, data: { status: "under_way", startedOn: toDbDate(input.startedOn) } });
      // No event: the stream announces decisions and conclusions; a start changes no figure.
      await recordCallerChange(tx, ctx, { entity: "Inspection", entityId: row.id, orgPath: row.subjectOrgPath, before: { status: row.status }, after: { status: "under_way", startedOn: input.startedOn } });
      return toInspectionView(updated);
    }),
  );
