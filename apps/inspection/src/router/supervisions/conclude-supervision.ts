import { inspectionContract } from "@orgboard/contract-inspection";
import { lockSupervision } from "../../app/cases.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, invalid } from "../../app/errors.js";
import { completeLinkedItem } from "../../app/program-link.js";
import { inspectionEvent, recordCallerChange, type InspectionEvent } from "../../app/record.js";
import { toInspectionView, toSupervisionView } from "../../app/views.js";
import { checkCaseDates, conflict, inspectionFromSupervision, supervisionBecomesInspection, throwIfViolations, type ConductorKind, type SubjectKind, type SupervisionKind } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.supervisions.conclude;

/**
 * Concludes a supervision. With signs of violation it becomes an inspection of kind signs_of_violation
 * (same conductor and subject, linked both ways), decided in the same transaction. A program item the
 * supervision carries out is completed on the conclusion's day.
 */
export const concludeSupervisionRoute = procedure("inspection.cases.manage")
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = await lockSupervision(tx, ctx, input.supervisionId);
      if (row.status === "concluded") throw conflict("illegal_transition", "Cuộc giám sát đã kết luận", "The supervision is already concluded", "status");
      const today = todayOf(ctx);
      assertNotFuture("concludedOn", input.concludedOn, today);
      // A supervision has no separate start: it is under way from its decision.
      throwIfViolations(checkCaseDates({ decidedOn: fromDbDate(row.decidedOn), startedOn: fromDbDate(row.decidedOn), concludedOn: input.concludedOn }).map((v) => ({ ...v, field: "concludedOn" })));
      const becomes = supervisionBecomesInspection({ signsOfViolation: input.signsOfViolation });
      if (becomes && !input.inspection) {
        throw invalid("inspection", "inspection_required", "Có dấu hiệu vi phạm thì phải quyết định kiểm tra (số quyết định, nội dung)", "Signs of violation call for an inspection: give its decision (number, content)");
      }
      if (!becomes && input.inspection) {
        throw invalid("inspection", "inspection_without_signs", "Không có dấu hiệu vi phạm thì không chuyển sang kiểm tra", "Without signs of violation there is no inspection to open");
      }

      const updated = await tx.supervision.update({
        where: { id: row.id },
        data: { status: "concluded", concludedOn: toDbDate(input.concludedOn), signsOfViolation: input.signsOfViolation, findings: input.findings },
      });
      let inspection = null;
      const events: InspectionEvent[] = [];
      if (becomes && input.inspection) {
        const decidedOn = input.inspection.decidedOn ?? input.concludedOn;
        if (decidedOn < input.concludedOn) throw invalid("inspection.decidedOn", "date_order", "Quyết định kiểm tra không được trước ngày kết luận giám sát", "The inspection cannot be decided before the supervision's conclusion");
        assertNotFuture("inspection.decidedOn", decidedOn, today);
        throwIfViolations(checkCaseDates({ decidedOn, startedOn: null, concludedOn: null, plannedEndOn: input.inspection.plannedEndOn ?? null }).map((v) => ({ ...v, field: `inspection.${v.field}` })));
        const draft = inspectionFromSupervision(
          { id: row.id, kind: row.kind as SupervisionKind, conductorKind: row.conductorKind as ConductorKind, conductorOrgPath: row.conductorOrgPath, subjectKind: row.subjectKind as SubjectKind, memberId: row.memberId, orgId: row.orgId, subjectOrgPath: row.subjectOrgPath },
          { signsOfViolation: true },
          decidedOn,
        );
        inspection = await tx.inspection.create({
          data: {
            kind: draft.kind,
            conductorKind: draft.conductorKind,
            conductorOrgPath: draft.conductorOrgPath,
            subjectKind: draft.subjectKind,
            memberId: draft.memberId,
            orgId: draft.orgId,
            subjectName: row.subjectName,
            subjectOrgPath: draft.subjectOrgPath,
            subjectStatus: row.subjectStatus,
            decisionNumber: input.inspection.decisionNumber,
            decidedOn: toDbDate(draft.decidedOn),
            content: input.inspection.content,
            plannedEndOn: input.inspection.plannedEndOn ? toDbDate(input.inspection.plannedEndOn) : null,
            supervisionId: row.id,
            createdBy: ctx.principal.subject,
          },
        });
        events.push(
          inspectionEvent("inspection.inspection.decided", row.subjectOrgPath, inspection.id, {
            inspectionId: inspection.id,
            kind: "signs_of_violation",
            conductorKind: draft.conductorKind,
            subjectKind: draft.subjectKind,
            memberId: draft.memberId,
            orgId: draft.orgId,
            decidedOn: draft.decidedOn,
          }),
        );
      }
      const itemDone = await completeLinkedItem(tx, row.programItemId, input.concludedOn, ctx.principal.subject);
      if (itemDone) events.push(itemDone);
      events.unshift(
        inspectionEvent("inspection.supervision.concluded", row.subjectOrgPath, row.id, { supervisionId: row.id, signsOfViolation: input.signsOfViolation, concludedOn: input.concludedOn, inspectionId: inspection?.id ?? null }),
      );
      await recordCallerChange(tx, ctx, {
        entity: "Supervision",
        entityId: row.id,
        orgPath: row.subjectOrgPath,
        before: { status: row.status },
        after: { status: "concluded", concludedOn: input.concludedOn, signsOfViolation: input.signsOfViolation, inspectionId: inspection?.id ?? null },
        events,
      });
      return { supervision: toSupervisionView(updated, inspection?.id ?? null), inspection: inspection ? toInspectionView(inspection) : null };
    }),
  );
