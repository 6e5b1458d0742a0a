import { inspectionContract } from "@orgboard/contract-inspection";
import { caseInScope } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { inspectionIdsOf } from "../../app/supervisions.js";
import { toSupervisionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.supervisions.get;

/** One supervision, for the commission whose scope covers its subject; the read is audited. */
export const getSupervisionRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = caseInScope(ctx, await tx.supervision.findUnique({ where: { id: input.supervisionId } }), "supervisionId");
      await recordReads(tx, ctx, "Supervision", [row], "get");
      const links = await inspectionIdsOf(tx, [row.id]);
      return toSupervisionView(row, links.get(row.id) ?? null);
    }),
  );
