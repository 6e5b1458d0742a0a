import { restructuringContract } from "@orgboard/contract-restructuring";
import { recordCallerChange } from "@orgboard/events";
import { insertPlan, planView } from "../../app/plans.js";
import { officialPlan2025 } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = restructuringContract.procedures.plans.loadOfficial;
/** The national plan belongs to the Central Committee's scope. */
const NATIONAL = "/";

/** The official 2025 restructuring as a new draft plan (packages/admin-units' mapping). */
export const loadOfficialPlanRoute = procedure("restructuring.plans.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx }) => {
    ctx.assertCan({ orgPath: NATIONAL });
    const plan = officialPlan2025();
    return ctx.db.$transaction(async (tx) => {
      const header = await insertPlan(tx, plan, { origin: "official-2025", scopeOrgPath: NATIONAL, createdBy: ctx.principal.subject });
      await recordCallerChange(tx, ctx, {
        entity: "plan",
        entityId: header.id,
        orgPath: NATIONAL,
        after: { title: plan.title, effectiveOn: plan.effectiveOn, origin: "official-2025", changes: plan.changes.length },
        events: [{ type: "restructuring.plan.loaded", orgPath: NATIONAL, aggregateId: header.id, payload: { planId: header.id, origin: "official-2025", effectiveOn: plan.effectiveOn } }],
      });
      return planView(header, plan);
    }, { timeout: 120_000 });
  });
