import { inspectionContract } from "@orgboard/contract-inspection";
import { cursorArgs, scopeWhere } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { yearRange } from "../../app/dates.js";
import { toDecisionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.discipline.list;

/** Discipline decisions whose subject lies in the caller's scope (filters: subtree, year decided, form, effect status), newest first; audited. */
export const listDecisionsRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [], nextCursor: null };
    return ctx.db.$transaction(async (tx) => {
      const rows = await tx.disciplineDecision.findMany({
        where: { ...where, form: input.form, effectStatus: input.effectStatus, ...(input.year !== undefined ? { decidedOn: yearRange(input.year) } : {}) },
        orderBy: { id: "desc" },
        take: input.limit + 1,
        ...cursorArgs(input.cursor),
        include: { appeals: true },
      });
      const page = rows.slice(0, input.limit);
      await recordReads(tx, ctx, "DisciplineDecision", page, "list");
      return { items: page.map(toDecisionView), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
    });
  });
