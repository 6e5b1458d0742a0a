import { restructuringContract } from "@orgboard/contract-restructuring";
import { planView } from "../../app/plans.js";
import { subtreePlan } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { planForReader } from "./scope.js";

const c = restructuringContract.procedures.plans.get;

/** The plan's header and counts; a provincial board outside the plan's scope reads its own province's part, a board below its province committee its subtree's. */
export const getPlanRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { header, plan, part, subtree } = await planForReader(ctx.db, ctx.readTree, input.planId, ctx.can, ctx.scope);
    // Below its province committee: the changes of its own units only (subtreePlan), its province's part never.
    return subtree === null ? planView(header, plan, part) : planView(header, subtreePlan(plan, subtree.tree, subtree.codes), part, subtree.paths);
  });
