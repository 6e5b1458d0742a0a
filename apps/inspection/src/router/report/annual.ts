import { inspectionContract } from "@orgboard/contract-inspection";
import { buildAnnualReport } from "../../app/report.js";
import { todayOf } from "../../app/dates.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.report.annual;

/** The year's inspection figures of a subtree the caller may read: counts only (docs/inspection.md). */
export const annualReportRoute = procedure("inspection.reports.read", { resource: "orgPath" })
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) => buildAnnualReport(ctx.db, { orgPath: input.orgPath, year: input.year, asOf: todayOf(ctx) }));
