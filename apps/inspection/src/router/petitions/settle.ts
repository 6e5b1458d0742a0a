import { inspectionContract } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { fromDbDate, toDbDate, todayOf } from "../../app/dates.js";
import { assertNotFuture, invalid } from "../../app/errors.js";
import { conflict } from "../../domain/index.js";
import { isLate, loadPetition, petitionView } from "../../app/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.settle;

/** The settlement (under_way → settled), late when after the deadline; announced without the petitioner. */
export const settlePetitionRoute = procedure("inspection.petitions.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const today = todayOf(ctx);
    assertNotFuture("settledOn", input.settledOn, today);
    const row = await ctx.db.$transaction(async (tx) => {
      const before = await loadPetition(tx, input.petitionId, ctx.can);
      if (before.status !== "under_way") throw conflict("not_under_way", "chỉ kết luận đơn đang giải quyết", "only a petition under way can be settled", "petitionId");
      if (before.startedOn && input.settledOn < fromDbDate(before.startedOn)) throw invalid("settledOn", "before_started", "không được trước ngày bắt đầu giải quyết", "must not be before the day settlement started");
      const updated = await tx.petition.update({
        where: { id: before.id },
        data: { status: "settled", settledOn: toDbDate(input.settledOn), outcome: input.outcome, conclusion: input.conclusion },
        include: { assignments: true },
      });
      const late = isLate(updated, today);
      await recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        {
          entity: "Petition",
          entityId: before.id,
          orgPath: before.subjectOrgPath,
          before: { status: before.status },
          after: { status: "settled", settledOn: input.settledOn, outcome: input.outcome, late },
          events: [{ type: "inspection.petition.settled", payload: { petitionId: before.id, kind: before.kind, settledOn: input.settledOn, late } }],
        },
      );
      return updated;
    });
    return petitionView(row, { subject: ctx.principal.subject, today }, ctx.denouncerKeys);
  });
