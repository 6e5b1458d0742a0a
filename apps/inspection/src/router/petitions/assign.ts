import { inspectionContract } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { toDbDate, todayOf } from "../../app/dates.js";
import { invalid } from "../../app/errors.js";
import { conflict } from "../../domain/index.js";
import { loadPetition, petitionView } from "../../app/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.assign;

/**
 * Sets the inspectors who handle a petition (the list replaces the previous one; those kept keep their
 * date). They alone may see its petitioner, so nobody assigns themself: a second officer must.
 */
export const assignInspectorsRoute = procedure("inspection.petitions.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const today = todayOf(ctx);
    if (input.inspectors.some((i) => i.userId === ctx.principal.subject)) {
      throw invalid("inspectors", "self_assignment", "không được tự phân công mình (người khác phân công)", "you may not assign yourself (another officer must)");
    }
    const row = await ctx.db.$transaction(async (tx) => {
      const before = await loadPetition(tx, input.petitionId, ctx.can);
      if (before.status !== "received" && before.status !== "under_way") {
        throw conflict("petition_closed", "đơn đã giải quyết xong hoặc không xem xét, không phân công được", "the petition is settled or not handled: no inspectors can be assigned");
      }
      const keep = new Set(input.inspectors.map((i) => i.userId));
      await tx.petitionAssignment.deleteMany({ where: { petitionId: before.id, userId: { notIn: [...keep] } } });
      for (const i of input.inspectors) {
        await tx.petitionAssignment.upsert({
          where: { petitionId_userId: { petitionId: before.id, userId: i.userId } },
          create: { petitionId: before.id, userId: i.userId, name: i.name, assignedOn: toDbDate(today), assignedBy: ctx.principal.subject },
          update: { name: i.name },
        });
      }
      await recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        { entity: "Petition", entityId: before.id, orgPath: before.subjectOrgPath, before: { assignees: before.assignments.map((a) => a.userId).sort() }, after: { assignees: [...keep].sort() } },
      );
      return tx.petition.findUniqueOrThrow({ where: { id: before.id }, include: { assignments: true } });
    });
    return petitionView(row, { subject: ctx.principal.subject, today }, ctx.denouncerKeys);
  });
