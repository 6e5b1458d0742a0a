import { restructuringContract } from "@orgboard/contract-restructuring";
import { procedure } from "../procedure.js";
import { planForReader } from "../plans/scope.js";
import { runView } from "./view.js";

const c = restructuringContract.procedures.runs.get;

/** The run's progress per province and step; a provincial board outside the plan's scope sees its province's row only. */
export const getRunRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { part } = await planForReader(ctx.db, ctx.readTree, input.planId, ctx.can);
    const view = await runView(ctx.db, input.planId, ctx.saga);
    return part === null ? view : { ...view, provinces: view.provinces.filter((p) => p.provinceCode === part) };
  });
