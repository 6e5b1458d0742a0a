import { inspectionContract } from "@orgboard/contract-inspection";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, notFound } from "../../app/errors.js";
import { inspectionEvent, recordCallerChange } from "../../app/record.js";
import { toProgramItemView } from "../../app/views.js";
import { conflict, checkProgramItem, throwIfViolations } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.programs.completeItem;

/** Marks a planned item as carried out on a day. */
export const completeItemRoute = procedure("inspection.programs.manage")
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM program_item WHERE id = ${input.itemId}::uuid FOR UPDATE`;
      const item = await tx.programItem.findUnique({ where: { id: input.itemId }, include: { program: true } });
      if (!item || !ctx.can({ orgPath: item.program.ownerOrgPath })) throw notFound("itemId");
      if (item.completedOn) throw conflict("item_completed", `Nội dung đã hoàn thành ngày ${fromDbDate(item.completedOn)}`, `The item was already completed on ${fromDbDate(item.completedOn)}`, "itemId");
      assertNotFuture("completedOn", input.completedOn, todayOf(ctx));
      throwIfViolations(checkProgramItem({ quarter: item.quarter, completedOn: input.completedOn }, item.program.year));
      const updated = await tx.programItem.update({ where: { id: item.id }, data: { completedOn: toDbDate(input.completedOn), completedBy: ctx.principal.subject } });
      await recordCallerChange(tx, ctx, {
        entity: "ProgramItem",
        entityId: item.id,
        orgPath: item.program.ownerOrgPath,
        before: { completedOn: null },
        after: { completedOn: input.completedOn },
        events: [inspectionEvent("inspection.program.item_completed", item.program.ownerOrgPath, item.programId, { programId: item.programId, itemId: item.id, completedOn: input.completedOn })],
      });
      return toProgramItemView(updated);
    }),
  );
