import { inspectionContract } from "@orgboard/contract-inspection";
import { cursorArgs, scopeWhere } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { yearRange } from "../../app/dates.js";
import { toInspectionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.inspections.list;

/** Inspections whose subject lies in the caller's scope (filters: subtree, year decided, kind, status), newest first; audited. */
export const listInspectionsRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [], nextCursor: null };
    return ctx.db.$transaction(async (tx) => {
      const rows = await tx.inspection.findMany({
        where: { ...where, kind: input.kind, status: input.status, ...(input.year !== undefined ? { decidedOn: yearRange(input.year) } : {}) },
        orderBy: { id: "desc" },
        take: input.limit + 1,
        ...cursorArgs(input.cursor),
      });
      const page = rows.slice(0, input.limit);
      await recordReads(tx, ctx, "Inspection", page, "list");
      return { items: page.map(toInspectionView), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
    });
  });
