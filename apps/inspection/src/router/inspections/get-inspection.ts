import { inspectionContract } from "@orgboard/contract-inspection";
import { caseInScope } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { toInspectionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.inspections.get;

/** One inspection, for the commission whose scope covers its subject; the read is audited. */
export const getInspectionRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = caseInScope(ctx, await tx.inspection.findUnique({ where: { id: input.inspectionId } }), "inspectionId");
      await recordReads(tx, ctx, "Inspection", [row], "get");
      return toInspectionView(row);
    }),
  );
