import { restructuringContract } from "@orgboard/contract-restructuring";
import { procedure } from "../procedure.js";
import { planInScope } from "../plans/scope.js";
import { runView } from "./view.js";

const c = restructuringContract.procedures.runs.get;

/** The run's progress per province and step. */
export const getRunRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    await planInScope(ctx.db, input.planId, ctx.can);
    return runView(ctx.db, input.planId, ctx.saga);
  });
