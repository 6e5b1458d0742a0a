import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { toEffectView } from "../../app/inspection-effects.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.effects.list;

/** Consumed events' effects in a subtree of the caller's scope, newest first (by default the unappliable ones). */
export const listEffectsRoute = procedure("personnel.effects.manage")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [] };
    const rows = await ctx.db.appliedEffect.findMany({ where: { ...where, status: input.status }, orderBy: { eventId: "desc" }, take: 200 });
    return { items: rows.map(toEffectView) };
  });
