import { personnelContract } from "@orgboard/contract-personnel";
import { toRotationView } from "../../app/cadre-views.js";
import { fromDbDate, fromDbDateOrNull, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { completionRefusals, throwFirst } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.rotation.complete;

/**
 * Ends a rotation: the cadre returned, or stayed at the receiving organization, whose file then moves there
 * (its committee now manages the cadre). Both ends must lie in the caller's scope.
 */
export const completeRotationRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("completedOn", input.completedOn, todayOf(ctx));
    return ctx.db.$transaction(async (tx) => {
      const found = await tx.rotation.findUnique({ where: { id: input.rotationId } });
      if (!found || !ctx.can({ orgPath: found.fromOrgPath }) || !ctx.can({ orgPath: found.toOrgPath })) throw notFound("rotationId");
      throwFirst(completionRefusals({ startOn: fromDbDate(found.startOn), completedOn: fromDbDateOrNull(found.completedOn) }, input.completedOn, input.completion));
      const row = await tx.rotation.update({ where: { id: found.id }, data: { completedOn: toDbDate(input.completedOn), completion: input.completion } });
      const before = await tx.cadre.findUniqueOrThrow({ where: { id: row.cadreId } });
      const moved = input.completion === "stayed" && before.orgPath !== row.toOrgPath;
      if (moved) await tx.cadre.update({ where: { id: before.id }, data: { orgPath: row.toOrgPath } });
      const event = (side: "from" | "to", orgPath: string) => personnelEvent("personnel.rotation.completed", orgPath, row.id, { rotationId: row.id, cadreId: row.cadreId, side, completedOn: input.completedOn, completion: input.completion });
      await recordCallerChange(tx, ctx, {
        entity: "Rotation",
        entityId: row.id,
        orgPath: row.toOrgPath,
        before: { completedOn: null, cadreOrgPath: before.orgPath },
        after: { completedOn: input.completedOn, completion: input.completion, cadreOrgPath: moved ? row.toOrgPath : before.orgPath },
        events: [event("from", row.fromOrgPath), event("to", row.toOrgPath)],
      });
      return toRotationView(row, before.fullName, todayOf(ctx));
    });
  });
