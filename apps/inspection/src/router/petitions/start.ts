import { inspectionContract } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { fromDbDate, toDbDate, todayOf } from "../../app/dates.js";
import { assertNotFuture, invalid } from "../../app/errors.js";
import { conflict } from "../../domain/index.js";
import { loadPetition, petitionView } from "../../app/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.start;

/** Settlement begins: received → under_way, once at least one inspector is assigned. */
export const startPetitionRoute = procedure("inspection.petitions.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const today = todayOf(ctx);
    assertNotFuture("startedOn", input.startedOn, today);
    const row = await ctx.db.$transaction(async (tx) => {
      const before = await loadPetition(tx, input.petitionId, ctx.can);
      if (before.status !== "received") throw conflict("not_received", "chỉ bắt đầu giải quyết đơn vừa tiếp nhận", "only a received petition can be started", "petitionId");
      if (before.assignments.length === 0) throw conflict("no_inspector", "cần phân công kiểm tra viên trước", "assign an inspector first", "petitionId");
      if (input.startedOn < fromDbDate(before.receivedOn)) throw invalid("startedOn", "before_received", "không được trước ngày nhận đơn", "must not be before the day it was received");
      const updated = await tx.petition.update({ where: { id: before.id }, data: { status: "under_way", startedOn: toDbDate(input.startedOn) }, include: { assignments: true } });
      await recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        { entity: "Petition", entityId: before.id, orgPath: before.subjectOrgPath, before: { status: before.status }, after: { status: "under_way", startedOn: input.startedOn } },
      );
      return updated;
    });
    return petitionView(row, { subject: ctx.principal.subject, today }, ctx.denouncerKeys);
  });
