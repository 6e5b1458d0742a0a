import { buildAnnualReport } from "../../report/annual.js";
import { procedure } from "../procedure.js";
import { ZAnnualReportInput, ZAnnualReportOutput } from "./annual-report.types.js";

/** The annual party-building report of a subtree (the data layer's report on the counters). */
export const annualReportRoute = procedure("membership.kpi.read", { resource: "orgPath" })
  .input(ZAnnualReportInput)
  .output(ZAnnualReportOutput)
  .query(({ ctx, input }) => buildAnnualReport(ctx.db, input));
