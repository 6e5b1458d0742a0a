import { inspectionContract } from "@orgboard/contract-inspection";
import { appealDecideDeadline, settlementLevel } from "../../app/appeals.js";
import { caseInScope } from "../../app/access.js";
import { lockDecision } from "../../app/cases.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, invalid } from "../../app/errors.js";
import { recordCallerChange } from "../../app/record.js";
import { toAppealView } from "../../app/views.js";
import { appealLastDay, conflict, isAppealInTime } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.discipline.lodgeAppeal;

/**
 * The disciplined member's or organization's appeal, lodged within a month of receiving the decision
 * (its announcement; a cell's at its vote); the settling body's deadline is kept with it.
 */
export const lodgeAppealRoute = procedure("inspection.discipline.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    // Read first (outside the transaction) only to know the settling level, which may ask membership.
    const peek = caseInScope(ctx, await ctx.db.disciplineDecision.findUnique({ where: { id: input.decisionId } }), "decisionId");
    const level = await settlementLevel(ctx.subjects, peek.decidedByOrgPath);
    return ctx.db.$transaction(async (tx) => {
      const decision = await lockDecision(tx, ctx, input.decisionId);
      if (decision.status === "annulled") throw conflict("decision_annulled", "Quyết định đã bị xóa bỏ", "The decision was annulled", "decisionId");
      const open = await tx.appeal.count({ where: { decisionId: decision.id, decidedOn: null } });
      if (open > 0) throw conflict("appeal_open", "Đang có khiếu nại chưa giải quyết", "An appeal is already awaiting its decision", "decisionId");
      const receivedOn = fromDbDate(decision.announcedOn ?? decision.decidedOn);
      const lastDay = appealLastDay(receivedOn);
      assertNotFuture("lodgedOn", input.lodgedOn, todayOf(ctx));
      if (!isAppealInTime(receivedOn, input.lodgedOn)) {
        throw invalid("lodgedOn", "complaint_out_of_time", `Ngoài thời hạn khiếu nại (từ ${receivedOn} đến ${lastDay})`, `Out of time: an appeal is lodged from ${receivedOn} to ${lastDay}`);
      }
      const appeal = await tx.appeal.create({
        data: {
          decisionId: decision.id,
          subjectOrgPath: decision.subjectOrgPath,
          lodgedOn: toDbDate(input.lodgedOn),
          lodgeDeadlineOn: toDbDate(lastDay),
          decideDeadlineOn: toDbDate(appealDecideDeadline(level, input.lodgedOn)),
          content: input.content,
          createdBy: ctx.principal.subject,
        },
      });
      const view = toAppealView(appeal);
      // No event: an appeal does not suspend the decision (its effect stands); its outcome is announced.
      await recordCallerChange(tx, ctx, { entity: "Appeal", entityId: appeal.id, orgPath: decision.subjectOrgPath, after: { ...view, settlementLevel: level } });
      return view;
    });
  });
