import { restructuringContract } from "@orgboard/contract-restructuring";
import { planView } from "../../app/plans.js";
import { procedure } from "../procedure.js";
import { planInScope } from "./scope.js";

const c = restructuringContract.procedures.plans.get;

export const getPlanRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { header, plan } = await planInScope(ctx.db, input.planId, ctx.can);
    return planView(header, plan);
  });
