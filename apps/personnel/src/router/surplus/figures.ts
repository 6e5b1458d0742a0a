import { personnelContract, type SurplusPolicy, type SurplusStatus } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { surplusFigures } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.surplus.figures;

/** Surplus cadres resolved / total of a subtree: counts only (the boards read it). */
export const surplusFiguresRoute = procedure("personnel.reports.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return surplusFigures([]);
    const groups = await ctx.db.surplusCase.groupBy({ by: ["status", "policy"], where, _count: { _all: true } });
    return surplusFigures(groups.map((g) => ({ status: g.status as SurplusStatus, policy: g.policy as SurplusPolicy | null, count: g._count._all })));
  });
