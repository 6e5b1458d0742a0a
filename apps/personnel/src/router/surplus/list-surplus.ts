import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { toSurplusView } from "../../app/cadre-views.js";
import { recordCadreReads } from "../../app/record.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.surplus.list;

/** Surplus cases of a subtree in scope (at most 200, latest merger first); each cadre named is an audited read. */
export const listSurplusRoute = procedure("personnel.cadres.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [] };
    return ctx.db.$transaction(async (tx) => {
      const rows = await tx.surplusCase.findMany({ where: { ...where, ...(input.status ? { status: input.status } : {}) }, orderBy: [{ mergedOn: "desc" }, { id: "asc" }], take: 200 });
      const cadres = await tx.cadre.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.cadreId))] } }, select: { id: true, orgPath: true, fullName: true } });
      const byId = new Map(cadres.map((x) => [x.id, x]));
      await recordCadreReads(tx, ctx, cadres, "list");
      return { items: rows.map((r) => toSurplusView(r, byId.get(r.cadreId)?.fullName ?? "")) };
    });
  });
