import { inspectionContract, type PetitionSettlementLevel } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { fromDbDate, toDbDate, todayOf } from "../../app/dates.js";
import { assertNotFuture, invalid } from "../../app/errors.js";
import { loadPetition, petitionView } from "../../app/petitions.js";
import { conflict } from "../../domain/index.js";
import { DENUNCIATION_EXTENSION_WORKING_DAYS, settlementDueOn } from "../../domain/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.extend;

/**
 * Extends a denunciation's deadline once, by the domain's extension (DENUNCIATION_EXTENSION_WORKING_DAYS
 * working days), before it runs out; complaints have no extension.
 */
export const extendPetitionRoute = procedure("inspection.petitions.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const today = todayOf(ctx);
    assertNotFuture("extendedOn", input.extendedOn, today);
    const row = await ctx.db.$transaction(async (tx) => {
      const before = await loadPetition(tx, input.petitionId, ctx.can);
      if (before.kind !== "denunciation") throw conflict("not_extendable", "chỉ đơn tố cáo được gia hạn", "only a denunciation's deadline can be extended", "petitionId");
      if ((before.status !== "received" && before.status !== "under_way") || before.dueOn === null) {
        throw conflict("petition_closed", "đơn đã giải quyết xong hoặc không xem xét", "the petition is settled or not handled", "petitionId");
      }
      if (before.extendedOn !== null) throw conflict("already_extended", "đơn đã được gia hạn một lần", "the deadline was already extended once", "petitionId");
      const due = fromDbDate(before.dueOn);
      if (input.extendedOn > due) throw invalid("extendedOn", "after_due", "phải gia hạn trước khi hết thời hạn", "must be on or before the deadline");
      if (input.extendedOn < fromDbDate(before.receivedOn)) throw invalid("extendedOn", "before_received", "không được trước ngày nhận đơn", "must not be before the day it was received");
      const dueOn = settlementDueOn("denunciation", before.level as PetitionSettlementLevel, fromDbDate(before.receivedOn), { extended: true });
      const updated = await tx.petition.update({
        where: { id: before.id },
        data: { dueOn: toDbDate(dueOn), extendedOn: toDbDate(input.extendedOn), extensionReason: input.reason },
        include: { assignments: true },
      });
      await recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        { entity: "Petition", entityId: before.id, orgPath: before.subjectOrgPath, before: { dueOn: due }, after: { dueOn, extendedOn: input.extendedOn, workingDays: DENUNCIATION_EXTENSION_WORKING_DAYS } },
      );
      return updated;
    });
    return petitionView(row, { subject: ctx.principal.subject, today }, ctx.denouncerKeys);
  });
