import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { toSurplusView } from "../../app/cadre-views.js";
import { fromDbDateOrNull, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { closeRefusals, throwFirst } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.surplus.close;

/** Closes a surplus case whose policy was carried out: it counts as resolved on the boards' panel. */
export const closeSurplusRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("closedOn", input.closedOn, todayOf(ctx));
    return ctx.db.$transaction(async (tx) => {
      const found = inScope(ctx, await tx.surplusCase.findUnique({ where: { id: input.caseId } }), "caseId");
      throwFirst(closeRefusals({ status: found.status as "open", policyOn: fromDbDateOrNull(found.policyOn) }, input.closedOn));
      const row = await tx.surplusCase.update({ where: { id: found.id }, data: { status: "closed", closedOn: toDbDate(input.closedOn) } });
      const cadre = await tx.cadre.findUniqueOrThrow({ where: { id: row.cadreId } });
      await recordCallerChange(tx, ctx, {
        entity: "SurplusCase",
        entityId: row.id,
        orgPath: row.orgPath,
        before: { status: found.status },
        after: { status: "closed", closedOn: input.closedOn },
        events: [personnelEvent("personnel.surplus.changed", row.orgPath, row.id, { caseId: row.id, cadreId: row.cadreId, status: "closed", policy: row.policy as "transfer", on: input.closedOn })],
      });
      return toSurplusView(row, cadre.fullName);
    });
  });
