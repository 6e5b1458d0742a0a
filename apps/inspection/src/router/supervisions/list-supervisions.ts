import { inspectionContract } from "@orgboard/contract-inspection";
import { listCases } from "../../app/lists.js";
import { inspectionIdsOf } from "../../app/supervisions.js";
import { toSupervisionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.supervisions.list;

/** Supervisions whose subject lies in the caller's scope (filters: subtree, year decided, kind, status), newest first; audited. */
export const listSupervisionsRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    listCases(
      ctx,
      input,
      "Supervision",
      (tx, q) => tx.supervision.findMany({ where: { ...q.where, kind: input.kind, status: input.status }, ...q.page }),
      async (tx, rows) => {
        const links = await inspectionIdsOf(tx, rows.map((r) => r.id));
        return rows.map((r) => toSupervisionView(r, links.get(r.id) ?? null));
      },
    ),
  );
