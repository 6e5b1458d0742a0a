import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { toSurplusView } from "../../app/cadre-views.js";
import { fromDbDate, fromDbDateOrNull, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { policyRefusals, throwFirst } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.surplus.applyPolicy;

/**
 * Applies (or changes, before closure) the policy of a surplus case (NĐ 178/2024): early retirement only
 * within ten years of the retirement age; a transfer names its destination, which must be in scope.
 */
export const applySurplusPolicyRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("decidedOn", input.decidedOn, todayOf(ctx));
    if (input.toOrgPath !== undefined && !ctx.can({ orgPath: input.toOrgPath })) throw notFound("toOrgPath");
    return ctx.db.$transaction(async (tx) => {
      const found = inScope(ctx, await tx.surplusCase.findUnique({ where: { id: input.caseId } }), "caseId");
      const cadre = await tx.cadre.findUniqueOrThrow({ where: { id: found.cadreId } });
      throwFirst(policyRefusals({ status: found.status as "open", mergedOn: fromDbDate(found.mergedOn) }, input.policy, input.decidedOn, { birthDate: fromDbDate(cadre.birthDate), gender: cadre.gender as "male" }, input.toOrgPath));
      const row = await tx.surplusCase.update({
        where: { id: found.id },
        data: { status: "policy_applied", policy: input.policy, policyOn: toDbDate(input.decidedOn), toOrgPath: input.toOrgPath ?? null },
      });
      await recordCallerChange(tx, ctx, {
        entity: "SurplusCase",
        entityId: row.id,
        orgPath: row.orgPath,
        before: { status: found.status, policy: found.policy, policyOn: fromDbDateOrNull(found.policyOn), toOrgPath: found.toOrgPath },
        after: { status: row.status, policy: input.policy, policyOn: input.decidedOn, toOrgPath: row.toOrgPath },
        events: [personnelEvent("personnel.surplus.changed", row.orgPath, row.id, { caseId: row.id, cadreId: row.cadreId, status: "policy_applied", policy: input.policy, on: input.decidedOn })],
      });
      return toSurplusView(row, cadre.fullName);
    });
  });
