import { restructuringContract } from "@orgboard/contract-restructuring";
import { planView } from "../../app/plans.js";
import { procedure } from "../procedure.js";
import { planForReader } from "./scope.js";

const c = restructuringContract.procedures.plans.get;

/** The plan's header and counts; a provincial board outside the plan's scope reads its own province's part. */
export const getPlanRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { header, plan, part } = await planForReader(ctx.db, ctx.readTree, input.planId, ctx.can);
    return planView(header, plan, part);
  });
