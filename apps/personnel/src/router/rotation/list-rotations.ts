import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { toRotationView } from "../../app/cadre-views.js";
import { todayOf, toDbDate } from "../../app/dates.js";
import { recordCadreReads } from "../../app/record.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.rotation.list;

/**
 * Rotations and transfers with an end in the caller's scope (narrowed to `orgPath`): the receiving
 * organization sees its incoming cadres, the sending one its outgoing. Each cadre named is an audited read.
 */
export const listRotationsRoute = procedure("personnel.cadres.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [] };
    const today = todayOf(ctx);
    const ends = prefixes.flatMap((p) => [
      ...(input.direction !== "incoming" ? [{ fromOrgPath: { startsWith: p } }] : []),
      ...(input.direction !== "outgoing" ? [{ toOrgPath: { startsWith: p } }] : []),
    ]);
    const status =
      input.status === "completed" ? { completedOn: { not: null } } : input.status === "planned" ? { completedOn: null, startOn: { gt: toDbDate(today) } } : input.status === "serving" ? { completedOn: null, startOn: { lte: toDbDate(today) } } : {};
    return ctx.db.$transaction(async (tx) => {
      const rows = await tx.rotation.findMany({ where: { OR: ends, ...status }, orderBy: [{ startOn: "desc" }, { id: "asc" }], take: 200 });
      const cadres = await tx.cadre.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.cadreId))] } }, select: { id: true, orgPath: true, fullName: true } });
      const byId = new Map(cadres.map((x) => [x.id, x]));
      await recordCadreReads(tx, ctx, cadres, "list");
      return { items: rows.map((r) => toRotationView(r, byId.get(r.cadreId)?.fullName ?? "", today)) };
    });
  });
