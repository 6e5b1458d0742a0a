import { inspectionContract } from "@orgboard/contract-inspection";
import { listCases } from "../../app/lists.js";
import { toInspectionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.inspections.list;

/** Inspections whose subject lies in the caller's scope (filters: subtree, year decided, kind, status), newest first; audited. */
export const listInspectionsRoute = procedure("inspection.cases.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    listCases(
      ctx,
      input,
      "Inspection",
      (tx, q) => tx.inspection.findMany({ where: { ...q.where, kind: input.kind, status: input.status }, ...q.page }),
      (_tx, rows) => rows.map(toInspectionView),
    ),
  );
