import { inspectionContract } from "@orgboard/contract-inspection";
import { cursorArgs, scopeWhere } from "../../app/access.js";
import { toProgramSummary } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.programs.list;

/** Programs of bodies in the caller's scope (optionally a subtree and a year), newest first; no items. */
export const listProgramsRoute = procedure("inspection.programs.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath, "ownerOrgPath");
    if (prefixes.length === 0) return { items: [], nextCursor: null };
    const rows = await ctx.db.program.findMany({
      where: { ...where, ...(input.year !== undefined ? { year: input.year } : {}) },
      // Ids are UUIDv7: id order is creation order and a stable cursor.
      orderBy: { id: "desc" },
      take: input.limit + 1,
      ...cursorArgs(input.cursor),
      include: { items: { select: { completedOn: true } } },
    });
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((p) => toProgramSummary(p, { itemCount: p.items.length, completedCount: p.items.filter((i) => i.completedOn !== null).length })),
      nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
    };
  });
