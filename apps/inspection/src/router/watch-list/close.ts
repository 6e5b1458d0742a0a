import { inspectionContract } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { fromDbDate, toDbDate, todayOf } from "../../app/dates.js";
import { assertNotFuture, invalid, notFound } from "../../app/errors.js";
import { conflict } from "../../domain/index.js";
import { watchEntryView } from "../../app/watch-list.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.watchList.close;

/** Closes a watched case (kết thúc theo dõi). */
export const closeWatchEntryRoute = procedure("inspection.watchList.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("closedOn", input.closedOn, todayOf(ctx));
    const entry = await ctx.db.$transaction(async (tx) => {
      const before = await tx.watchEntry.findUnique({ where: { id: input.watchId } });
      if (!before || !ctx.can({ orgPath: before.orgPath })) throw notFound();
      if (before.status !== "watched") throw conflict("already_closed", "vụ việc đã kết thúc theo dõi", "the case is already closed", "watchId");
      if (input.closedOn < fromDbDate(before.addedOn)) throw invalid("closedOn", "before_added", "không được trước ngày đưa vào theo dõi", "must not be before the day it was added");
      const updated = await tx.watchEntry.update({
        where: { id: before.id },
        data: { status: "closed", closedOn: toDbDate(input.closedOn), closingNote: input.note, closedBy: ctx.principal.subject },
      });
      await recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        {
          entity: "WatchEntry",
          entityId: before.id,
          orgPath: before.orgPath,
          before: { status: before.status },
          after: { status: "closed", closedOn: input.closedOn },
          events: [{ type: "inspection.watch.closed", payload: { watchId: before.id, closedOn: input.closedOn } }],
        },
      );
      return updated;
    });
    return watchEntryView(entry);
  });
