import { inspectionContract } from "@orgboard/contract-inspection";
import { listCases } from "../../app/lists.js";
import { toDecisionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.discipline.list;

/** Discipline decisions whose subject lies in the caller's scope (filters: subtree, year decided, form, effect status), newest first; audited. */
export const listDecisionsRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    listCases(
      ctx,
      input,
      "DisciplineDecision",
      (tx, q) => tx.disciplineDecision.findMany({ where: { ...q.where, form: input.form, effectStatus: input.effectStatus }, ...q.page, include: { appeals: true } }),
      (_tx, rows) => rows.map(toDecisionView),
    ),
  );
