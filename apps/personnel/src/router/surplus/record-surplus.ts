import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { toSurplusView } from "../../app/cadre-views.js";
import { todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, conflict, notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.surplus.record;

/** Records a cadre left without a post by the merger of a unit (both the cadre and the unit in scope). One open case per cadre. */
export const recordSurplusRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("mergedOn", input.mergedOn, todayOf(ctx));
    if (!ctx.can({ orgPath: input.sourceOrgPath })) throw notFound("sourceOrgPath");
    return ctx.db.$transaction(async (tx) => {
      const cadre = inScope(ctx, await tx.cadre.findUnique({ where: { id: input.cadreId } }), "cadreId");
      const unresolved = await tx.surplusCase.count({ where: { cadreId: cadre.id, status: { not: "closed" } } });
      if (unresolved > 0) throw conflict("cadreId", "case_open", "cán bộ đã có trường hợp dôi dư chưa giải quyết xong", "the cadre already has a surplus case not closed");
      const row = await tx.surplusCase.create({
        data: { cadreId: cadre.id, orgPath: input.sourceOrgPath, mergedOn: toDbDate(input.mergedOn), status: "open", note: input.note ?? null, createdBy: ctx.principal.subject },
      });
      const view = toSurplusView(row, cadre.fullName);
      await recordCallerChange(tx, ctx, {
        entity: "SurplusCase",
        entityId: row.id,
        orgPath: row.orgPath,
        after: { cadreId: cadre.id, sourceOrgPath: row.orgPath, mergedOn: input.mergedOn, status: "open" },
        events: [personnelEvent("personnel.surplus.changed", row.orgPath, row.id, { caseId: row.id, cadreId: cadre.id, status: "open", policy: null, on: input.mergedOn })],
      });
      return view;
    });
  });
