import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, conflict, invalid } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { toPoolPlaceView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.planning.removeCandidate;

/** Takes a candidate out of a pool (đưa ra khỏi quy hoạch) on a day, with the reason. */
export const removeCandidateRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("removedOn", input.removedOn, todayOf(ctx));
    return ctx.db.$transaction(async (tx) => {
      const found = await tx.poolEntry.findUnique({ where: { id: input.entryId }, include: { post: true } });
      const entry = inScope(ctx, found ? { ...found, orgPath: found.post.orgPath } : null, "entryId");
      if (entry.removedOn !== null) throw conflict("entryId", "already_removed", "cán bộ đã được đưa ra khỏi quy hoạch", "the candidate was already removed");
      if (input.removedOn < fromDbDate(entry.addedOn)) throw invalid("removedOn", "before_added", "ngày đưa ra trước ngày đưa vào quy hoạch", "removed before being added");
      const row = await tx.poolEntry.update({ where: { id: entry.id }, data: { removedOn: toDbDate(input.removedOn), removalReason: input.reason }, include: { post: true } });
      const view = toPoolPlaceView(row);
      await recordCallerChange(tx, ctx, {
        entity: "PoolEntry",
        entityId: row.id,
        orgPath: entry.orgPath,
        before: { removedOn: null },
        after: { removedOn: input.removedOn, reason: input.reason },
        events: [personnelEvent("personnel.pool.removed", entry.orgPath, row.id, { entryId: row.id, postId: row.postId, cadreId: row.cadreId, removedOn: input.removedOn, reason: input.reason })],
      });
      return view;
    });
  });
