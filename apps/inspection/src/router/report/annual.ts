import { inspectionContract } from "@orgboard/contract-inspection";
import { buildAnnualReport } from "../../app/report.js";
import { todayOf } from "../../app/dates.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.report.annual;

/** The year's inspection figures of a subtree the caller may read: counts only (docs/inspection.md). */
export const annualReportRoute = procedure("inspection.reports.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) => {
    // Checked after the input's validation, so a malformed path gets the contract's bilingual 400.
    ctx.assertCan({ orgPath: input.orgPath });
    return buildAnnualReport(ctx.db, { orgPath: input.orgPath, year: input.year, asOf: todayOf(ctx) });
  });
