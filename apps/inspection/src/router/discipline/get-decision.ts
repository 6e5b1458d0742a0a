import { inspectionContract } from "@orgboard/contract-inspection";
import { caseInScope } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { toDecisionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.discipline.get;

/** One discipline decision with its appeals and effect, for the commission whose scope covers its subject; audited. */
export const getDecisionRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = caseInScope(ctx, await tx.disciplineDecision.findUnique({ where: { id: input.decisionId }, include: { appeals: true } }), "decisionId");
      await recordReads(tx, ctx, "DisciplineDecision", [row], "get");
      return toDecisionView(row);
    }),
  );
