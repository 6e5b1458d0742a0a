import { inspectionContract } from "@orgboard/contract-inspection";
import { caseInScope } from "../../app/access.js";
import { lockDecision } from "../../app/cases.js";
import { checkConductor } from "../../app/conductor.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, invalid, notFound } from "../../app/errors.js";
import { inspectionEvent, recordCallerChange, type InspectionEvent } from "../../app/record.js";
import { toDecisionView } from "../../app/views.js";
import { FORMS_WITH_EFFECT } from "../../app/discipline.js";
import { conflict, formsForSubjectKind, type DisciplineForm, type SubjectKind } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.discipline.decideAppeal;

/**
 * The settling body's decision on an appeal: upheld, changed to another form, or annulled. A change or an
 * annulment is published (`inspection.discipline.changed`); an effect already applied elsewhere is not
 * undone by it (docs/inspection.md).
 */
export const decideAppealRoute = procedure("inspection.discipline.manage")
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const found = await tx.appeal.findUnique({ where: { id: input.appealId }, select: { decisionId: true } });
      if (!found) throw notFound("appealId");
      const decision = await lockDecision(tx, ctx, found.decisionId, "appealId");
      const appeal = caseInScope(ctx, await tx.appeal.findUnique({ where: { id: input.appealId } }), "appealId");
      if (appeal.decidedOn) throw conflict("appeal_decided", "Khiếu nại đã được giải quyết", "The appeal was already decided", "appealId");
      checkConductor(ctx, input.decidedByOrgPath, decision.decidedByOrgPath, "decidedByOrgPath");
      if (input.decidedOn < fromDbDate(appeal.lodgedOn)) throw invalid("decidedOn", "date_order", "Ngày giải quyết trước ngày khiếu nại", "The appeal is decided before it was lodged");
      assertNotFuture("decidedOn", input.decidedOn, todayOf(ctx));
      if (input.outcome === "changed") {
        if (input.newForm === undefined) throw invalid("newForm", "new_form_required", "Thay đổi hình thức kỷ luật thì phải nêu hình thức mới", "A changed discipline needs its new form");
        if (!formsForSubjectKind(decision.subjectKind as SubjectKind).includes(input.newForm) || input.newForm === decision.form) {
          throw invalid("newForm", "new_form_invalid", "Hình thức mới không hợp lệ cho đối tượng này (hoặc trùng hình thức cũ)", "The new form does not apply to this subject (or is the same form)");
        }
        // Another service applies these forms once per decision (keyed by its id): a change into one of them
        // from a form that had no effect there cannot reach it, so it is decided as a new decision instead.
        if (FORMS_WITH_EFFECT.has(input.newForm) && !FORMS_WITH_EFFECT.has(decision.form as DisciplineForm)) {
          throw invalid("newForm", "new_form_needs_new_decision", `Chuyển sang hình thức "${input.newForm}" phải ra quyết định kỷ luật mới`, `A change to "${input.newForm}" is made by a new discipline decision`);
        }
      } else if (input.newForm !== undefined) {
        throw invalid("newForm", "new_form_unexpected", "Chỉ nêu hình thức mới khi thay đổi hình thức kỷ luật", "A new form goes only with the outcome \"changed\"");
      }
      await tx.appeal.update({
        where: { id: appeal.id },
        data: { decidedOn: toDbDate(input.decidedOn), outcome: input.outcome, newForm: input.newForm ?? null, decidedByOrgPath: input.decidedByOrgPath, decisionNumber: input.decisionNumber },
      });
      const data = input.outcome === "changed" ? { status: "changed", form: input.newForm! } : input.outcome === "annulled" ? { status: "annulled" } : {};
      const updated = await tx.disciplineDecision.update({ where: { id: decision.id }, data, include: { appeals: true } });
      const events: InspectionEvent[] =
        input.outcome === "upheld"
          ? []
          : [inspectionEvent("inspection.discipline.changed", decision.subjectOrgPath, decision.id, { decisionId: decision.id, form: input.outcome === "changed" ? input.newForm! : null, changedOn: input.decidedOn })];
      await recordCallerChange(tx, ctx, {
        entity: "DisciplineDecision",
        entityId: decision.id,
        orgPath: decision.subjectOrgPath,
        before: { status: decision.status, form: decision.form },
        after: { status: updated.status, form: updated.form, appealId: appeal.id, outcome: input.outcome },
        events,
      });
      return toDecisionView(updated);
    }),
  );
